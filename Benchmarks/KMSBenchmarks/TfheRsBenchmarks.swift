import Benchmark
import KMSCore

/// tfhe-rs interop: parsing real-size objects, and parse + decrypt against decrypt alone.
func registerTfheRsBenchmarks() {
    let keys = try! KeySet.generate(.default)
    let ck = keys.clientKey

    // A real-size FheUint64: 32 blocks under the 2048-bit key, 527,776 bytes of versioned bincode
    // (527,833 with the safe_serialize header).
    let value = ClearValue.max(.euint64)
    let ct = ck.encrypt(value)
    let object = try! TfheRsObject(ct, parameters: ck.parameters, layout: .v0_8)
    let bare = try! TfheRsFile(object: object, layout: .v0_8, safeSerialized: false).encode()
    let safe = try! TfheRsFile(object: object, layout: .v0_8).encode()
    precondition(bare.count == 527_776)

    Benchmark("tfhe-rs FheUint64 decrypt alone (parsed) [default]") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ck.decrypt(ct))
        }
    }
    Benchmark("tfhe-rs FheUint64 parse only, 527,776 B") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try TfheRsFile.decode(bare, expecting: .fheUint))
        }
    }
    let reader = CiphertextReader(keys: keys)
    Benchmark("tfhe-rs FheUint64 read (CiphertextReader) + decrypt, 527,776 B") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ck.decrypt(reader.readOne(bare)))
        }
    }
    Benchmark("tfhe-rs FheUint64 read (CiphertextReader) + decrypt, safe_serialize 527,833 B") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ck.decrypt(reader.readOne(safe)))
        }
    }

    // Reading compact public keys of both real sizes (16,626 B for 1024, 33,018 B for 2048).
    for params in [ParameterSet.default, .v1_0_2m128] {
        let set = try! KeySet.generate(params)
        let layout = TfheRsLayout.preferred(for: params)
        let pk = try! TfheRsFile(object: .compactPublicKey(TfheRsCompactPublicKey(set.publicKey, layout: layout)), layout: layout).encode()
        Benchmark("tfhe-rs read CompactPublicKey \(pk.count) B [\(params.name)]") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try TfheRsFile.decode(pk, expecting: .compactPublicKey))
            }
        }
        let ckBytes = try! TfheRsFile(object: .clientKey(TfheRsClientKey(set.clientKey, layout: layout)), layout: layout).encode()
        Benchmark("tfhe-rs read ClientKey \(ckBytes.count) B [\(params.name)]") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try ClientKey(tfheRsBytes: ckBytes))
            }
        }
    }

    // What the coprocessor stores per handle: a one-value CompressedCiphertextList.
    for type in [FheType.euint64, .ebytes256] {
        let list = try! TfheRsCompressedCiphertextList.encrypt([.max(type)], clientKey: ck)
        let bytes = try! TfheRsFile(object: .compressedCiphertextList(list), layout: .v0_8).encode()
        Benchmark("tfhe-rs CompressedCiphertextList \(type) read + decrypt (\(bytes.count) B)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try ck.decrypt(reader.readOne(bytes)))
            }
        }
    }

    // fhevmjs-style input: a CompactCiphertextList of one euint64 under the public key.
    let tpk = try! TfheRsCompactPublicKey(keys.publicKey, layout: .v0_8)
    Benchmark("tfhe-rs CompactCiphertextList encrypt euint64 + serialize") { benchmark in
        for _ in benchmark.scaledIterations {
            let list = try TfheRsCompactCiphertextList.encrypt([value], publicKey: tpk)
            blackHole(try TfheRsFile(object: .compactCiphertextList(list), layout: .v0_8).encode())
        }
    }
}
