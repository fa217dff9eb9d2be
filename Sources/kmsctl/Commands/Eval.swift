import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl eval`: one homomorphic operation with the key set's server key.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute on ciphertexts with the key set's server key (add, sub, mul, and, or, xor, eq, lt).",
        discussion: """
            The result keeps the format of --lhs: native files stay native, tfhe-rs FheUint values \
            (and Vec<FheUint>) keep their layout and encoding, so tfhe-rs reads them. eq and lt give \
            an ebool. The key directory needs a server key (kmsctl keygen, or key import --server-key).
            """)

    @Option(help: "Key directory with a server key.")
    var keys: String

    @Option(help: "Operation: \(FheEvaluator.Operation.allCases.map(\.rawValue).joined(separator: ", ")).")
    var op: String

    @Option(help: "Left operand: ciphertext file (native or tfhe-rs), - for stdin.")
    var lhs: String

    @Option(help: "Right operand: ciphertext file.")
    var rhs: String?

    @Option(help: "Right operand: a clear unsigned value.")
    var scalar: UInt64?

    @Option(help: "Type of tfhe-rs FheUint operands (their width is not in the file), e.g. euint8.")
    var type: String?

    @Option(help: "Output file.")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        guard (rhs == nil) != (scalar == nil) else { throw ValidationError("give exactly one of --rhs and --scalar") }
        guard FheEvaluator.Operation(rawValue: op) != nil else {
            throw ValidationError("--op must be one of \(FheEvaluator.Operation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let store = KeyStore(directory: URL(fileURLWithPath: keys))
        let keyID = try store.loadPublicKey().keyID
        let evaluation = CiphertextEvaluation(keyID: keyID, serverKey: try store.loadServerKey())
        let operation = FheEvaluator.Operation(rawValue: op)!
        let left = try readInput(lhs)
        let right: CiphertextEvaluation.Operand = try rhs.map { .ciphertext(try readInput($0)) } ?? .scalar(scalar ?? 0)
        let start = Date()
        let result = try evaluation.evaluate(operation, lhs: left, rhs: right, as: try type.map(FheType.init(name:)))
        try SecureFile.write(result, to: URL(fileURLWithPath: out), permissions: 0o644, overwrite: force)
        printError(String(format: "%@ in %.2f s → %@", op, Date().timeIntervalSince(start), out))
    }
}
