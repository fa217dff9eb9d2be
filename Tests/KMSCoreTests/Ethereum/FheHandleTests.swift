import XCTest
import KMSTestSupport
@testable import KMSCore

final class FheHandleTests: XCTestCase {
    func testHandleVectors() throws {
        let handles = try EIP712Vectors.load().handles
        var checked = 0
        for list in [handles.inputMockAndNative.handles, handles.coprocessorInput.handles] {
            for h in list {
                let handle = try FheHandle(hex: h.handle)
                XCTAssertEqual(Int(handle.type.code), h.type)
                XCTAssertEqual(Int(handle.index), h.index)
                XCTAssertEqual(handle.version, 0)
                XCTAssertEqual(handle.hex, h.handle)
                checked += 1
            }
        }
        XCTAssertEqual(checked, 10)
        // The mock/native input rule recomputed: keccak256(hashCT ‖ index) with bytes 29/30/31 replaced.
        let native = handles.inputMockAndNative
        let bundle = Array(native.bundleCiphertextUTF8.utf8)
        let hashCT = Keccak256.hash(bundle)
        XCTAssertEqual(Hex.encode(hashCT, prefix: true), native.hashCT)
        for h in native.handles {
            let index = try XCTUnwrap(UInt8(exactly: h.index)), type = try XCTUnwrap(UInt8(exactly: h.type))
            var bytes = Keccak256.hash(hashCT + [index])
            bytes[29] = index; bytes[30] = type; bytes[31] = 0
            XCTAssertEqual(try FheHandle(bytes: bytes).hex, h.handle)
        }
        XCTAssertEqual(try FheHandle(hex: handles.trivialEncrypt.handle).type, .euint8)
        XCTAssertEqual(try FheHandle(hex: handles.computedExample.handle).type, .euint8)
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
