import Foundation
import XCTest
@testable import KMSService

/// Reading the certificates a party pins its caller to.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class PinnedPeerInterceptorTests: XCTestCase {
    func testUnreadableOrNonCertificateFilesAreRefusedAtSetup() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kms-pin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertThrowsError(try PinnedPeerInterceptor(paths: [dir.appendingPathComponent("absent.pem").path])) {
            XCTAssertTrue("\($0)".contains("cannot read"), "\($0)")
        }
        let garbage = dir.appendingPathComponent("garbage.pem")
        try "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".write(to: garbage, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try PinnedPeerInterceptor(paths: [garbage.path])) {
            XCTAssertTrue("\($0)".contains("not a PEM certificate"), "\($0)")
        }
    }
}
