import Foundation
import Testing
import ReconStore

@Suite struct MaskKeyPathTests {
    @Test func theKeyLiesBesideTheStoreAndAStoreWithoutAFolderMeansTheCurrentOne() {
        #expect(RunStore.maskKeyPath(besideStore: "/srv/recon/recon.db") == "/srv/recon/mask.key")
        #expect(RunStore.maskKeyPath(besideStore: "data/recon.db") == "data/mask.key")
        #expect(RunStore.maskKeyPath(besideStore: "recon.db") == "mask.key", "not /mask.key")
    }
}
