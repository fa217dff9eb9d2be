import XCTest
import KMSTestSupport
@testable import KMSCore

final class FheHandleTests: XCTestCase {
    func testHandleVectors() throws {
        let v = try XCTUnwrap(try SharedVectors.json("fhevm/eip712_vectors.json") as? [String: Any])
        let handles = try XCTUnwrap(v["handles"] as? [String: Any])
        var checked = 0
        for rule in ["v0_6_input_mock_and_native", "v0_6_coprocessor_input"] {
            let list = try XCTUnwrap((handles[rule] as? [String: Any])?["handles"] as? [[String: Any]])
            for h in list {
                let handle = try FheHandle(hex: XCTUnwrap(h["handle"] as? String))
                XCTAssertEqual(Int(handle.type.code), h["type"] as? Int)
                XCTAssertEqual(Int(handle.index), h["index"] as? Int)
                XCTAssertEqual(handle.version, 0)
                XCTAssertEqual(handle.hex, h["handle"] as? String)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 10)
        // The mock/native input rule recomputed: keccak256(hashCT ‖ index) with bytes 29/30/31 replaced.
        let native = try XCTUnwrap(handles["v0_6_input_mock_and_native"] as? [String: Any])
        let bundle = Array(try XCTUnwrap(native["bundleCiphertext_utf8"] as? String).utf8)
        let hashCT = Keccak256.hash(bundle)
        XCTAssertEqual(Hex.encode(hashCT, prefix: true), native["hashCT"] as? String)
        for h in try XCTUnwrap(native["handles"] as? [[String: Any]]) {
            let index = UInt8(try XCTUnwrap(h["index"] as? Int)), type = UInt8(try XCTUnwrap(h["type"] as? Int))
            var bytes = Keccak256.hash(hashCT + [index])
            bytes[29] = index; bytes[30] = type; bytes[31] = 0
            XCTAssertEqual(try FheHandle(bytes: bytes).hex, h["handle"] as? String)
        }
        let trivial = try XCTUnwrap(handles["v0_6_trivialEncrypt"] as? [String: Any])
        XCTAssertEqual(try FheHandle(hex: XCTUnwrap(trivial["handle"] as? String)).type, .euint8)
        XCTAssertEqual(try FheHandle(hex: XCTUnwrap((handles["v0_7_computed_example"] as? [String: Any])?["handle"] as? String)).type, .euint8)
    }

    func testRejectsBadHandles() {
        XCTAssertThrowsError(try FheHandle(hex: "0x0748b542afe2353c86cb707e3d21044b0be1fd18efc7cbaa6a415af055bfb358")) { e in
            guard case .invalidHandle? = e as? EIP712Error else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try FheHandle(bytes: [UInt8](repeating: 0, count: 31)))
        XCTAssertThrowsError(try FheHandle(hex: String(repeating: "0", count: 63)))
        XCTAssertThrowsError(try FheHandle(hex: String(repeating: "0", count: 60) + "0c00"))
        XCTAssertNoThrow(try FheHandle(hex: String(repeating: "0", count: 60) + "0b00"))
    }
}
