#include <libxml/xmlversion.h>
/* libxml2 built with ICU (Debian's is) includes ICU's <unicode/ucnv.h> from encoding.h. Foundation on
   Linux brings its own copy of ICU (module _FoundationICU) whose `enum UErrorCode` differs, and a
   Swift module that sees both fails to build ("'U_MF_...' from module '_FoundationICU' is not present
   in definition of 'enum UErrorCode' in module 'CLibXML2'"). Recon never uses libxml2's ICU
   converters (only a field of xmlCharEncodingHandler, always reached through a pointer, depends on
   it), so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlreader.h>
#include <libxml/parser.h>
