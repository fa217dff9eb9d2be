// Writes the seed corpora of the fuzz targets into Fuzz/Corpus/<target>/ (committed, small):
// tfhe-rs objects and native files under FuzzFixtures.keys, typed-data documents, a signed
// gateway request with ciphertexts and the KMS's response, and CometBFT RPC envelopes.
// Usage: swift run --package-path Fuzz FuzzSeeds Fuzz/Corpus
import Foundation
import FuzzFixtures
import KMSCore

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Fuzz/Corpus")
@MainActor func write(_ target: String, _ name: String, _ bytes: [UInt8]) throws {
    let dir = root.appendingPathComponent(target)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(bytes).write(to: dir.appendingPathComponent(name))
}

let keys = FuzzFixtures.keys
let ck = keys.clientKey
let randomness = try TFHERandomness.seeded([UInt8](repeating: 0x77, count: 16))
let v8 = try ClearValue(type: .euint8, 201)
let v16 = try ClearValue(type: .euint16, 4242)
let pk = try TfheRsCompactPublicKey(keys.publicKey, layout: .v1_0)

// tfhe-rs objects, every kind and encoding; the client key and public key too.
var tfheRs: [(String, [UInt8])] = []
@MainActor func add(_ name: String, _ o: TfheRsObject, _ layout: TfheRsLayout, safe: Bool = true, versioned: Bool = true) throws {
    tfheRs.append((name, try TfheRsFile(object: o, layout: layout, safeSerialized: safe, versioned: versioned).encode()))
}
let fheUint = try TfheRsObject(ck.encrypt(v8, randomness: randomness), parameters: ck.parameters, layout: .v1_0)
try add("fheuint8-safe", fheUint, .v1_0)
try add("fheuint8-versioned", fheUint, .v1_0, safe: false)
try add("fheuint8-plain", fheUint, .v1_0, safe: false, versioned: false)
try add("fhebool", try TfheRsObject(ck.encrypt(ClearValue(bool: true), randomness: randomness), parameters: ck.parameters, layout: .v1_0), .v1_0)
try add("compact-list", .compactCiphertextList(try TfheRsCompactCiphertextList.encrypt([v8, v16], publicKey: pk, layout: .v1_0, randomness: randomness)), .v1_0)
try add("compact-list-packed", .compactCiphertextList(try TfheRsCompactCiphertextList.encrypt([v16], publicKey: pk, packed: true, layout: .v1_0, randomness: randomness)), .v1_0)
try add("compressed-list", .compressedCiphertextList(try TfheRsCompressedCiphertextList.encrypt([v8, ClearValue(bool: false)], clientKey: ck, randomness: randomness)), .v1_0)
try add("seeded-fheuint16", .seededCiphertext(try TfheRsSeededCiphertext.encrypt(v16, clientKey: ck, randomness: randomness)), .v1_0)
try add("client-key", .clientKey(try TfheRsClientKey(ck, layout: .v1_0)), .v1_0)
try add("public-key", .compactPublicKey(pk), .v1_0)
for (name, bytes) in tfheRs { try write("FuzzTfheRs", name, bytes) }
try write("FuzzTfheRs", "native-euint8", CiphertextFile(keyID: keys.keyID, ciphertext: ck.encrypt(v8, randomness: randomness)).encoded())

// Typed data.
let domain = #"{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"}"#
try write("FuzzEIP712", "mail", Array(#"{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":\#(domain),"message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}"#.utf8))
try write("FuzzEIP712", "arrays", Array(#"{"types":{"Item":[{"name":"id","type":"int64"},{"name":"tags","type":"string[]"},{"name":"data","type":"bytes"}],"Order":[{"name":"items","type":"Item[]"},{"name":"grid","type":"uint8[2][]"},{"name":"ok","type":"bool[3]"},{"name":"h","type":"bytes32"}]},"primaryType":"Order","domain":{"name":"x","chainId":"0xaa36a7"},"message":{"items":[{"id":-5,"tags":["a"],"data":"0x0102"}],"grid":[[1,2]],"ok":[true,false,true],"h":"0xabababababababababababababababababababababababababababababababab"}}"#.utf8))

// Gateway: the signed request with several ciphertexts, and the KMS's answer.
let requestJSON = Array(FuzzFixtures.request.gatewayRequest.json.utf8)
@MainActor func gatewaySeed(_ ciphertext: [UInt8]) -> [UInt8] {
    [0, UInt8(requestJSON.count & 0xff), UInt8(requestJSON.count >> 8)] + requestJSON + ciphertext
}
for (name, bytes) in tfheRs where !name.contains("key") { try write("FuzzGateway", "request-" + name, gatewaySeed(bytes)) }
let kms = Reencryptor(keyID: keys.keyID, decryptor: ck, signer: FuzzFixtures.signer)
let ctBytes = tfheRs[0].1
let kmsRequest = try ReencryptionRequest(gateway: FuzzFixtures.request.gatewayRequest, ciphertext: ctBytes, keyID: keys.keyID, chainId: FuzzFixtures.chainId)
let answer = GatewayReencryptionResponse.success([try kms.reencrypt(kmsRequest)]).json
try write("FuzzGateway", "response", [1] + Array(answer.utf8))

// CometBFT: RPC envelopes (hand-written shapes; the real node fixtures in ../shared are added at run time).
try write("FuzzCometBFT", "status", Array(#"{"jsonrpc":"2.0","id":-1,"result":{"node_info":{"network":"chain-1"},"sync_info":{"latest_block_height":"57","latest_block_time":"2024-01-01T00:00:00.123456789Z"}}}"#.utf8))
try write("FuzzCometBFT", "error", Array(#"{"jsonrpc":"2.0","id":-1,"error":{"code":-32603,"message":"Internal error","data":"height 9 must be less than or equal to 8"}}"#.utf8))
try write("FuzzCometBFT", "validators", Array(#"{"jsonrpc":"2.0","id":-1,"result":{"block_height":"5","validators":[{"address":"F5E4A5D5D6A0D3B5B8F9F5E4A5D5D6A0D3B5B8F9","pub_key":{"type":"tendermint/PubKeyEd25519","value":"8ZqPNB7Zsz8DbKMxZaa6h9Swf2vyXqV6FXiBGB5o1vs="},"voting_power":"10","proposer_priority":"0"}],"count":"1","total":"1"}}"#.utf8))
print("seed corpora written to \(root.path)")
