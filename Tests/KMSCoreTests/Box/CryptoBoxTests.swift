import KMSTestSupport
import XCTest
@testable import KMSCore

/// crypto_box against the NaCl paper ("Cryptography in NaCl", Bernstein 2009, §§2–9: Alice/Bob
/// keys, shared secret, firstkey, secondkey, the 131-byte message and its box) and against boxes
/// recorded with PyNaCl 1.6.2 (libsodium `crypto_box_easy`).
final class CryptoBoxTests: XCTestCase {
    // NaCl paper values.
    static let aliceSk = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"
    static let alicePk = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
    static let bobSk = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"
    static let bobPk = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
    static let shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
    static let firstKey = "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389"
    static let nonce = "69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37"
    static let message = "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f937763848645e0705"
    static let box = "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5"

    func hex(_ s: String) -> [UInt8] { (try? Hex.decode(s)) ?? [] }

    func testX25519PublicKeysAndSharedSecret() throws {
        XCTAssertEqual(Hex.encode(try X25519.publicKey(secret: hex(Self.aliceSk))), Self.alicePk)
        XCTAssertEqual(Hex.encode(try X25519.publicKey(secret: hex(Self.bobSk))), Self.bobPk)
        XCTAssertEqual(Hex.encode(try X25519.sharedSecret(secret: hex(Self.aliceSk), peer: hex(Self.bobPk))), Self.shared)
        XCTAssertEqual(Hex.encode(try X25519.sharedSecret(secret: hex(Self.bobSk), peer: hex(Self.alicePk))), Self.shared)
    }

    func testBoxOfTheNaClPaper() throws {
        let alice = try BoxSecretKey(bytes: hex(Self.aliceSk))
        let bob = try BoxSecretKey(bytes: hex(Self.bobSk))
        XCTAssertEqual(bob.publicKey.bytes, hex(Self.bobPk))
        let sealed = try CryptoBox(publicKey: bob.publicKey, secretKey: alice).seal(hex(Self.message), nonce: hex(Self.nonce))
        XCTAssertEqual(Hex.encode(sealed), Self.box)
        let opened = try CryptoBox(publicKey: alice.publicKey, secretKey: bob).open(hex(Self.box), nonce: hex(Self.nonce))
        XCTAssertEqual(opened, hex(Self.message))
    }

    /// Recorded with PyNaCl 1.6.2: sender/recipient secrets = SHA-256("sender<n>"/"recipient<n>"),
    /// nonce = SHA-256("nonce<n>")[0..<24], message byte i = (7·i + n) mod 256,
    /// box = `nacl.bindings.crypto_box_easy(m, nonce, X25519(recipient), sender)`.
    static let pynaclBoxes: [(Int, String, String, String, String)] = [
            (0, "98f2af38599d261db6e115034cde99fc3920790442f470296dac67c74c758401", "ccb978e6e5bfc1f026b58dd6af3877d9523526b1ea84b943fb9589506de394a7", "648f8e193a06c30767e71fb32a4ab2abee2dc640da96782b", "2861b974e2592043778823620b26f4b2"),
            (1, "d2df33d475ba138b192b878e99403020d71821a714930b9531dae12fdde98d73", "8f8b0d570597bd0445834514919496f85cda75fb41bbf6d7f9302be02af02f80", "0a78009591722cc84825ca95ee7ffa52428047ed12c90760", "982d11b93b6b48b8064403a400fd2f93ce"),
            (31, "b5b19201f549e625aaa992d01446db63c668bc2c34886750f2efed68b7a473af", "8176f1cb276683d317020be24f922cd61f32c910ffa81340d88cc3cf350a3a7c", "dd84d3e58839d71e1a554e910c4844ff3f17005836514a3c", "0dbf2460e09b2d71a1ce4fe8e9b9644a0c2471c046c399d169571926c6d2eff6984f2103d77a16104d85ce99a0519b"),
            (32, "a6b5c17f08312dd1fc1115cadb9e2a9a8da930f4dcf5a566c9ba7e9edcec59f3", "d12f9a58d902be48c3bf8e5ca69478212786bf0e1626cfb849b75aa5d4ed3be7", "a28d0d7245c6fd5f7033cd84b7d3ec81c4b01a22cc72ebdd", "a6d595fe4f9942b0d23fa9d2d2a671134fe050a84a82ce2015ebb484c401352e475fcbe9ddd7843ea475dac1066e0716"),
            (33, "c51357f0bf00b726937bd0371936eee7902ce710465597acf33381df103f1af7", "8e7b5d0a6d0e2496f0d398ccda75c9fb7b6a0ec0170622b558d39a06435db290", "7491529bed25e733ab5fa95b77d176d7413f2a31a7014531", "14f78f7da2b831aba5545f5b099ac73086062d98f5ddcb074f313b26d3b68a99553f2e70d2ddf89fcc941e642e24f2e0c1"),
            (64, "906a9450d400b908c531ce4d3b392a54ab0aafdc60cdc451a21027e1428bfcf5", "f0d9029736c5ec5b7cabffd9077cf84efdb32fb3bfe9e1a14be2fa30d19048b1", "3c70d97860388d3afc19c6a33c64b1369994f120e3627a69", "f7a279aedc43200400deb38448165d4aaba36052e33efc55271a617c928b62117e0e78389d16c9fb275baa5753579ffc85a4d00be5bd9aaa6b237fc2bee7f47dea45f9c7c421d24d6d8b1fa763bb5301"),
            (65, "4fba34c58217ee3d02e20f5e42f08a97a83807e67b6a4730fd997a387b0e17dc", "1a0d9a2f631e7cc03e5871c044210f8c871d8cc5aa6be7de730d398813bba5f5", "31cf90def41cd82590326cc096af01b6cbc9d28b8a275f54", "62201820bac78511edebeba5411fbcb55f2d0d041ad8e677990ce4c5402fac30d3b02d0a06476280c1eaa960c7d65e43bf6a8fc8407bbf104e3dd52409b37e422e64c7002a6a196e164aed3398e3c16a0e"),
            (221, "be886566c4d78d156ada17d2a16ebf5553e74dbda45774780d64ba94270d2243", "ea167626f36c7c834ac076952bdabadf449722d5c17a200034054d5890ca871e", "6255ef1bbe0540fbde2b11eaadfab0f1128c9732c61597c3", "3144d0fc39346dc2433b2b7928adc0c3b826b2a7fb2b90124e168943c0fd2df652987133098e21605fd5e7ef48a475b266ab1f4eb6eddeedc0898f8cc0b5d8a362609b638bdf4d504de1a54005959d0f90e76bdeaf48775d37f8213bd134065f762381b8350a1ebc06a5f21bc55deb36da42c331381119bfe359899b96339bba37de9caf721da831299fa02e3c96a73f50602f9643585088102bf031b4d71098dc484281ca84e564b41dd0c196cec93d6b158421dfdcc50e3db0384c7125fa4a8b3bad675b9ddcf3b753f5795eed43bc41dbc00dbd430a0953a5efed77e4a92581a926f8ccd1974903a808037f"),
            (300, "19f731d2cc447e73f3d066d338a35a110d13a03de262840315cfa850966942f3", "30c4e35d43c2713bc8436d2a5df91b39317f7ac74edbe4f32aa60f108fcc3a8e", "91489640c391d4d27ee2a8e6a432cd5e62e94aac08c5876b", "73ab04969958fa8f16c014c8ba831fbf84a15bdf005c7d78d433c59f6cebe99f93f6ca1267d809eeed403aab5fc210327e6052788e95c6ed5d4c9a045f869b8219a1f7edddd9b22817bbd157a4cfabf9a595dc9ecc23650c0092cdfc62ca20c9147cb74bbe270b914e0b042701ab54602eccb4a7f253e567c4da589d3836d83a63764c3fabe5c87f64397475fdb27969f09cd7ce15bb4a0f6dc28cc7fa9241d0653b226c171378a3f9825f35ceda28ee2116fe4434170c440537c6e60f7d44dd5c657c79b6a2a6d21e85890d46c4be5aa4bba110bbc989e71b981c39361c6567f5282fb6caa8043caa1f128b813e32519c3859b195a21a271cb3686ac997bc5e1dee4f78eabd63960dbd01086a7a72c53850546b9ac2594d333e9eccdebdb000ca35f95784d05bfb9e3ad024d320d92c04286e7bd6e0777154e2c248")
    ]

    func testBoxesRecordedWithPyNaCl() throws {
        for (n, senderHex, recipientHex, nonceHex, boxHex) in Self.pynaclBoxes {
            let sender = try BoxSecretKey(bytes: hex(senderHex))
            let recipient = try BoxSecretKey(bytes: hex(recipientHex))
            let message = (0..<n).map { UInt8((7 * $0 + n) % 256) }
            let sealed = try CryptoBox(publicKey: recipient.publicKey, secretKey: sender).seal(message, nonce: hex(nonceHex))
            XCTAssertEqual(Hex.encode(sealed), boxHex, "length \(n)")
            XCTAssertEqual(sealed.count, n + CryptoBox.tagByteCount)
            let opened = try CryptoBox(publicKey: sender.publicKey, secretKey: recipient).open(sealed, nonce: hex(nonceHex))
            XCTAssertEqual(opened, message, "length \(n)")
        }
    }

    func testTamperedBoxIsRejected() throws {
        let alice = try BoxSecretKey(bytes: hex(Self.aliceSk))
        let bob = try BoxSecretKey(bytes: hex(Self.bobSk))
        let box = try CryptoBox(publicKey: alice.publicKey, secretKey: bob)
        let good = hex(Self.box)
        for i in [0, 15, 16, 80, good.count - 1] {
            var bad = good
            bad[i] ^= 0x01
            XCTAssertThrowsError(try box.open(bad, nonce: hex(Self.nonce)), "byte \(i)") {
                XCTAssertEqual($0 as? BoxError, .authenticationFailed)
            }
        }
        var badNonce = hex(Self.nonce)
        badNonce[23] ^= 0x80
        XCTAssertThrowsError(try box.open(good, nonce: badNonce)) { XCTAssertEqual($0 as? BoxError, .authenticationFailed) }
        XCTAssertThrowsError(try box.open(good.dropLast(), nonce: hex(Self.nonce))) {
            XCTAssertEqual($0 as? BoxError, .authenticationFailed)
        }
        XCTAssertThrowsError(try box.open(good.prefix(15), nonce: hex(Self.nonce))) {
            XCTAssertEqual($0 as? BoxError, .boxTooShort(actual: 15))
        }
        XCTAssertThrowsError(try box.open(good, nonce: hex(Self.nonce).prefix(23))) {
            XCTAssertEqual($0 as? BoxError, .invalidNonceLength(actual: 23))
        }
        // A third party's key does not open it.
        var g = TestSeed.generator()
        let eve = try g.boxKey()
        XCTAssertThrowsError(try CryptoBox(publicKey: alice.publicKey, secretKey: eve).open(good, nonce: hex(Self.nonce)))
    }

    func testSmallOrderPublicKeyIsRefused() throws {
        let alice = try BoxSecretKey(bytes: hex(Self.aliceSk))
        for point in [[UInt8](repeating: 0, count: 32), [1] + [UInt8](repeating: 0, count: 31)] {
            XCTAssertThrowsError(try CryptoBox(publicKey: BoxPublicKey(bytes: point), secretKey: alice)) {
                XCTAssertEqual($0 as? BoxError, .weakPublicKey)
            }
        }
    }

    /// Fresh keys and nonces come from the system (that is what is tested); the messages from
    /// the run's seed.
    func testRandomRoundTripsAndFreshKeys() throws {
        var g = TestSeed.generator()
        let a = BoxSecretKey.generate(), b = BoxSecretKey.generate()
        XCTAssertNotEqual(a.publicKey, b.publicKey)
        let nonce = CryptoBox.randomNonce()
        XCTAssertEqual(nonce.count, 24)
        XCTAssertNotEqual(nonce, CryptoBox.randomNonce())
        for n in [0, 1, 63, 64, 65, 127, 128, 129, 1000] {
            let m = g.bytes(n)
            let sealed = try CryptoBox(publicKey: b.publicKey, secretKey: a).seal(m, nonce: nonce)
            XCTAssertEqual(try CryptoBox(publicKey: a.publicKey, secretKey: b).open(sealed, nonce: nonce), m)
        }
    }
}
