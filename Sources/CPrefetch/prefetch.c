// The prefetch hint is a static inline function in include/CPrefetch.h; this file gives the target a
// translation unit.
#include "CPrefetch.h"
