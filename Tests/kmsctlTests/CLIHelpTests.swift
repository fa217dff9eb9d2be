import XCTest

final class CLIHelpTests: XCTestCase {
    func testHelpListsTheTool() throws {
        let r = try CLI.run(["--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("kmsctl"), r.stdout)
    }
}
