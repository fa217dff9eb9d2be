import XCTest
@testable import KMSCore

final class BincodeTests: XCTestCase {
    func testRoundTripOfEveryPrimitive() throws {
        var w = BincodeWriter()
        w.write(UInt8(7)); w.write(UInt32(0xdeadbeef)); w.write(Int32(-2)); w.write(UInt64.max)
        w.writeU128(low: 1, high: 2); w.write(1.5); w.write(true); w.write("0.5")
        w.writeBytes([1, 2, 3]); w.writeWords([9, 10]); w.writeOptionTag(false)
        XCTAssertEqual(Array(w.bytes[0..<9]), [7, 0xef, 0xbe, 0xad, 0xde, 0xfe, 0xff, 0xff, 0xff])
        var r = BincodeReader(w.bytes)
        XCTAssertEqual(try r.read(UInt8.self), 7)
        XCTAssertEqual(try r.read(UInt32.self), 0xdeadbeef)
        XCTAssertEqual(try r.read(Int32.self), -2)
        XCTAssertEqual(try r.read(UInt64.self), .max)
        let u = try r.readU128(); XCTAssertEqual(u.low, 1); XCTAssertEqual(u.high, 2)
        XCTAssertEqual(try r.readDouble(), 1.5)
        XCTAssertEqual(try r.readBool(), true)
        XCTAssertEqual(try r.readString(max: 16), "0.5")
        XCTAssertEqual(try r.readBytes(max: 16), [1, 2, 3])
        XCTAssertEqual(try r.readWords(max: 16), [9, 10])
        XCTAssertEqual(try r.readOptionTag(), false)
        XCTAssertNoThrow(try r.finish())
    }

    func testHostileLengthsAreRejectedBeforeAllocating() {
        var w = BincodeWriter()
        w.write(UInt64.max)  // claims an enormous Vec<u64>
        var r = BincodeReader(w.bytes)
        XCTAssertThrowsError(try r.readWords(max: .max)) { error in
            guard case .lengthTooLarge = error as? SerializationError else { return XCTFail("\(error)") }
        }
        var r2 = BincodeReader([3, 0, 0, 0, 0, 0, 0, 0, 1, 2])
        XCTAssertThrowsError(try r2.readBytes(max: 100))
        var r3 = BincodeReader([5, 0, 0, 0, 0, 0, 0, 0])
        XCTAssertThrowsError(try r3.readBytes(max: 4)) { error in
            XCTAssertEqual(error as? SerializationError, .lengthTooLarge(offset: 0, length: 5, limit: 4))
        }
        var r4 = BincodeReader([2])
        XCTAssertThrowsError(try r4.readBool())
        var r5 = BincodeReader([1, 2])
        XCTAssertThrowsError(try r5.read(UInt32.self)) { XCTAssertEqual($0 as? SerializationError, .truncated(offset: 0, needed: 4)) }
        let r6 = BincodeReader([1])
        XCTAssertThrowsError(try r6.finish())
    }
}
