/// A JSON description of a tfhe-rs object for `kmsctl key inspect`: its type, encoding, layout,
/// size and parameters under tfhe-rs's own snake_case field names. Never includes key material
/// (secret or public coefficients), only shapes.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes)
/// print(file.inspectionJSON(sizeBytes: bytes.count))   // {"header_version":"0.5","object":"high_level_api::ClientKey",…}
/// ```
extension TfheRsFile {
    /// The description as compact JSON text (sorted keys).
    public func inspectionJSON(sizeBytes: Int) -> String {
        inspection(sizeBytes: sizeBytes).description
    }

    package func inspection(sizeBytes: Int) -> JSONValue {
        var o: [String: JSONValue] = [
            "object": .string(object.type.typeName),
            "header_version": header.map { .string($0.headerVersion) } ?? .null,
            "versioning": .string(versioned ? "versioned" : "unversioned"),
            "encoding": .string(encodingDescription),
            "tfhe_rs_versions": .array(compatibleLayouts.layouts.map { .string($0.releases) }),
            "size_bytes": .number(String(sizeBytes)),
            "secret": .bool(object.type.isSecret),
        ]
        switch object {
        case .clientKey(let k):
            let match = TfheRsParameterMatch(clientKey: k)
            o["parameter_set"] = .string(match.parameters.name)
            o["parameter_set_tfhe_rs"] = .string(match.parameters.tfheRsName)
            o["closest_parameter_set"] = match.closestNamedSet.map { .string($0) } ?? .null
            o["parameter_differences"] = .array(match.differences.map { .string($0) })
            var p = Self.json(k.parameters)
            p["compact_public_key_parameters"] = k.compactPrivateKey.map { .object(Self.json($0.parameters)) } ?? .null
            p["key_switching_parameters"] = k.compactPrivateKey.map { .object(Self.json($0.castingParameters)) } ?? .null
            p["compression_parameters"] = k.compressionKey.map { .object(Self.json($0.parameters)) } ?? .null
            o["parameters"] = .object(p)
            o["keys"] = .object([
                "lwe_secret_key_dimension": .number(String(k.lweSecretKey.dimension)),
                "glwe_secret_key": .string("\(k.glweSecretKey.glweDimension)x\(k.glweSecretKey.polynomialSize)"),
                "compact_private_key_dimension": k.compactPrivateKey.map { .number(String($0.key.dimension)) } ?? .null,
                "compression_key": k.compressionKey.map { .string("\($0.key.glweDimension)x\($0.key.polynomialSize)") } ?? .null,
            ])
            o["tag"] = .string(Hex.encode(k.tag))
        case .compactPublicKey(let k):
            let named = ParameterSet.named.first { $0.compactPublicKey == k.parameters.parameters }
            o["parameter_set"] = named.map { .string($0.name) } ?? .null
            o["parameters"] = .object(["compact_public_key_parameters": .object(Self.json(k.parameters))])
            o["polynomial_size"] = .number(String(k.key.polynomialSize))
            o["tag"] = .string(Hex.encode(k.tag))
        case .ciphertext(let c):
            o["ciphertext"] = .object(Self.json(blocks: c.radix.blocks, lweDimension: c.radix.lwe.lweDimension, kind: c.kind))
            o["tag"] = .string(Hex.encode(c.tag))
        case .ciphertextVec(let items):
            o["ciphertexts"] = .array(items.map { .object(Self.json(blocks: $0.radix.blocks, lweDimension: $0.radix.lwe.lweDimension, kind: $0.kind)) })
        case .seededCiphertext(let c):
            // Described from the seeds and metadata: nothing is expanded.
            var j = Self.json(blocks: c.blocks.map(\.metadata), lweDimension: c.blocks.first?.lweDimension ?? 0, kind: c.kind)
            j["seeded"] = .bool(true)
            j["expanded_size_bytes"] = .number(String(c.expandedSize))
            o["ciphertext"] = .object(j)
            o["tag"] = .string(Hex.encode(c.tag))
        case .compactCiphertextList(let l):
            var j: [String: JSONValue] = [:]
            j["entries"] = .number(String(l.list.count))
            j["blocks"] = .number(String(l.blockCount))
            j["lwe_dimension"] = .number(String(l.list.lweDimension))
            j["packed"] = .bool(l.isPacked)
            j["degree"] = .number(String(l.degree))
            j["message_modulus"] = .number(String(l.messageModulus))
            j["carry_modulus"] = .number(String(l.carryModulus))
            j["expansion_kind"] = Self.json(l.expansionKind)
            j["noise_level"] = l.noiseLevel.map { .number(String($0)) } ?? .null
            j["data_kinds"] = .array(l.info.map { .string($0.description) })
            j["fhe_types"] = Self.fheTypes(l.info, messageModulus: l.messageModulus)
            o["ciphertext"] = .object(j)
            o["tag"] = .string(Hex.encode(l.tag))
        case .compressedCiphertextList(let l):
            let first = l.list.glweCiphertexts.first
            var j: [String: JSONValue] = [:]
            j["blocks"] = .number(String(l.list.count))
            j["glwe_ciphertexts"] = .number(String(l.list.glweCiphertexts.count))
            j["glwe_dimension"] = first.map { .number(String($0.glweDimension.value)) } ?? .null
            j["polynomial_size"] = first.map { .number(String($0.polynomialSize.value)) } ?? .null
            j["storage_log_modulus"] = first.map { .number(String($0.packed.logModulus)) } ?? .null
            j["lwe_per_glwe"] = .number(String(l.list.lwePerGlwe))
            j["message_modulus"] = .number(String(l.list.messageModulus))
            j["carry_modulus"] = .number(String(l.list.carryModulus))
            j["pbs_order"] = .string(l.pbsOrder.description)
            j["data_kinds"] = .array(l.info.map { .string($0.description) })
            j["fhe_types"] = Self.fheTypes(l.info, messageModulus: l.list.messageModulus)
            o["ciphertext"] = .object(j)
            o["tag"] = .string(Hex.encode(l.tag))
        case .serverKey(let k):
            o["server_key"] = .object(Self.json(k))
            o["tag"] = .string(Hex.encode(k.tag))
        case .compressedServerKey(let k):
            o["server_key"] = .object(Self.json(k))
            o["tag"] = .string(Hex.encode(k.tag))
        case .noiseSquashingKey(let k):
            o["noise_squashing_key"] = .object(Self.json(k))
        case .compressedNoiseSquashingKey(let k):
            o["noise_squashing_key"] = .object(Self.json(k))
        case .compressedNoiseSquashingCompressionKey(let k):
            o["noise_squashing_compression_key"] = .object(Self.json(k))
        case .squashedNoiseCiphertext(let c):
            o["ciphertext"] = .object(Self.json(c))
            o["tag"] = .string(Hex.encode(c.tag))
        case .compressedSquashedNoiseCiphertextList(let l):
            o["ciphertext"] = .object(Self.json(l))
            o["tag"] = .string(Hex.encode(l.tag))
        }
        return .object(o)
    }

    static func json(blocks: [TfheRsBlockMetadata], lweDimension: Int, kind: TfheRsFheCiphertext.Kind) -> [String: JSONValue] {
        let first = blocks.first
        let type = first.flatMap { try? TfheRsObject.fheType(kind: kind, blocks: blocks.count, messageModulus: $0.messageModulus) }
        return [
            "kind": .string(kind.description),
            "blocks": .number(String(blocks.count)),
            "lwe_dimension": .number(String(lweDimension)),
            "fhe_type": type.map { .string($0.name) } ?? .null,
            "message_modulus": first.map { .number(String($0.messageModulus)) } ?? .null,
            "carry_modulus": first.map { .number(String($0.carryModulus)) } ?? .null,
            "pbs_order": first.map { .string($0.pbsOrder.description) } ?? .null,
            "max_degree": .number(String(blocks.map(\.degree).max() ?? 0)),
            "max_noise_level": .number(String(blocks.map(\.noiseLevel).max() ?? 0)),
        ]
    }

    /// Shapes of the server key's parts (no key material).
    static func json(_ k: TfheRsServerKey) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        func ksk(_ k: TfheRsKeyswitchKey) -> JSONValue {
            .object(["input_lwe_dimension": n(k.inputDimension), "output_lwe_dimension": n(k.outputLweSize - 1),
                     "decomp_base_log": n(k.baseLog), "decomp_level_count": n(k.levelCount), "size_bytes": n(k.data.bytes.count)])
        }
        func bsk(_ b: TfheRsBootstrappingKey) -> JSONValue {
            var j: [String: JSONValue] = [
                "input_lwe_dimension": n(b.bsk.inputLweDimension), "glwe_dimension": n(b.bsk.glweSize - 1),
                "polynomial_size": n(b.bsk.polynomialSize), "decomp_base_log": n(b.bsk.baseLog),
                "decomp_level_count": n(b.bsk.levelCount), "size_bytes": n(b.bsk.polynomials.bytes.count),
            ]
            switch b.modulusSwitch {
            case .standard: j["modulus_switch"] = .string("standard")
            case .centeredMeanNoiseReduction: j["modulus_switch"] = .string("centered_mean_noise_reduction")
            case .driftTechniqueNoiseReduction(let m):
                j["modulus_switch"] = .string("drift_technique_noise_reduction")
                j["modulus_switch_zeros_count"] = n(m.encryptionsOfZero.count / m.lweSize)
                j["ms_bound"] = number(m.msBound)
                j["ms_r_sigma_factor"] = number(m.msRSigmaFactor)
                j["ms_input_variance"] = number(m.msInputVariance)
            }
            return .object(j)
        }
        func pksk(_ p: TfheRsPackingKeyswitchKey) -> [String: JSONValue] {
            ["output_glwe_dimension": n(p.outputGlweSize - 1), "output_polynomial_size": n(p.outputPolynomialSize),
             "decomp_base_log": n(p.baseLog), "decomp_level_count": n(p.levelCount), "size_bytes": n(p.data.bytes.count)]
        }
        var j: [String: JSONValue] = [
            "message_modulus": n(k.messageModulus), "carry_modulus": n(k.carryModulus),
            "max_degree": n(k.maxDegree), "max_noise_level": n(k.maxNoiseLevel),
            "pbs_order": .string(k.pbsOrder.description),
            "key_switching_key": ksk(k.keySwitchingKey), "bootstrapping_key": bsk(k.bootstrappingKey),
            "casting_key": k.castingKey.map { ksk($0.keySwitchingKey) } ?? .null,
            "compression_key": k.compressionKey.map { c -> JSONValue in
                var p = pksk(c.packingKey)
                p["lwe_per_glwe"] = n(c.lwePerGlwe)
                p["storage_log_modulus"] = n(c.storageLogModulus)
                return .object(p)
            } ?? .null,
            "decompression_key": k.decompressionKey.map { bsk($0.bootstrappingKey) } ?? .null,
            "noise_squashing_key": k.noiseSquashingKey.map { s -> JSONValue in
                .object(["input_lwe_dimension": n(s.bsk.inputLweDimension), "glwe_dimension": n(s.bsk.glweSize - 1),
                         "polynomial_size": n(s.bsk.polynomialSize), "decomp_base_log": n(s.bsk.baseLog),
                         "decomp_level_count": n(s.bsk.levelCount), "size_bytes": n(s.bsk.bulkSize)])
            } ?? .null,
            "noise_squashing_compression_key": k.noiseSquashingCompressionKey.map { c -> JSONValue in
                var p = pksk(c.packingKey)
                p["lwe_per_glwe"] = n(c.lwePerGlwe)
                return .object(p)
            } ?? .null,
        ]
        j["key_material_bytes"] = n(k.bulkSize)
        return j
    }

    /// Shapes of the seeded server key's parts (no key material, no seeds).
    static func json(_ k: TfheRsCompressedServerKey) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        func ksk(_ k: TfheRsSeededKeyswitchKey) -> JSONValue {
            .object(["input_lwe_dimension": n(k.inputDimension), "output_lwe_dimension": n(k.outputLweSize - 1),
                     "decomp_base_log": n(k.baseLog), "decomp_level_count": n(k.levelCount), "size_bytes": n(k.data.bytes.count),
                     "seed_kind": .string(k.seed.kindName)])
        }
        func pksk(_ p: TfheRsSeededPackingKeyswitchKey) -> [String: JSONValue] {
            ["input_lwe_dimension": n(p.inputDimension), "output_glwe_dimension": n(p.outputGlweSize - 1),
             "output_polynomial_size": n(p.outputPolynomialSize), "decomp_base_log": n(p.baseLog),
             "decomp_level_count": n(p.levelCount), "size_bytes": n(p.data.bytes.count), "seed_kind": .string(p.seed.kindName)]
        }
        var j: [String: JSONValue] = [
            "seeded": .bool(true),
            "message_modulus": n(k.messageModulus), "carry_modulus": n(k.carryModulus),
            "max_degree": n(k.maxDegree), "max_noise_level": n(k.maxNoiseLevel),
            "pbs_order": .string(k.pbsOrder.description),
            "key_switching_key": ksk(k.keySwitchingKey),
            "bootstrapping_key": .object(json(k.bootstrappingKey.bsk, modulusSwitch: k.bootstrappingKey.modulusSwitch)),
            "casting_key": k.castingKey.map { c -> JSONValue in
                guard case .object(var o) = ksk(c.keySwitchingKey) else { return .null }
                o["destination_key"] = json(c.destinationKey)
                return .object(o)
            } ?? .null,
            "compression_key": k.compressionKey.map { c -> JSONValue in
                var p = pksk(c.packingKey)
                p["lwe_per_glwe"] = n(c.lwePerGlwe)
                p["storage_log_modulus"] = n(c.storageLogModulus)
                return .object(p)
            } ?? .null,
            "decompression_key": k.decompressionKey.map { d -> JSONValue in
                var o = json(d.bootstrappingKey.bsk, modulusSwitch: d.bootstrappingKey.modulusSwitch)
                o["lwe_per_glwe"] = n(d.lwePerGlwe)
                return .object(o)
            } ?? .null,
            "noise_squashing_key": k.noiseSquashingKey.map { .object(json($0)) } ?? .null,
            "noise_squashing_compression_key": k.noiseSquashingCompressionKey.map { .object(json($0)) } ?? .null,
        ]
        j["key_material_bytes"] = n(k.bulkSize)
        return j
    }

    /// A seeded noise-squashing compression key's shape.
    static func json(_ c: TfheRsCompressedNoiseSquashingCompressionKey) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        let p = c.packingKey
        return ["input_lwe_dimension": n(p.inputDimension), "output_glwe_dimension": n(p.outputGlweSize - 1),
                "output_polynomial_size": n(p.outputPolynomialSize), "decomp_base_log": n(p.baseLog),
                "decomp_level_count": n(p.levelCount), "size_bytes": n(p.data.bytes.count), "seed_kind": .string(p.seed.kindName),
                "lwe_per_glwe": n(c.lwePerGlwe)]
    }

    /// A seeded bootstrapping key's shape and its modulus switch.
    static func json(_ b: TfheRsSeededBootstrapKey, modulusSwitch: TfheRsCompressedModulusSwitchConfiguration) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        var j: [String: JSONValue] = [
            "input_lwe_dimension": n(b.inputLweDimension), "glwe_dimension": n(b.glweSize - 1),
            "polynomial_size": n(b.polynomialSize), "decomp_base_log": n(b.baseLog),
            "decomp_level_count": n(b.levelCount), "size_bytes": n(b.data.bytes.count),
            "ciphertext_modulus": .string(b.data.elementSize == 16 ? "2^128" : "2^64"), "seed_kind": .string(b.seed.kindName),
            "modulus_switch": .string(modulusSwitch.name),
        ]
        if case .driftTechniqueNoiseReduction(let m) = modulusSwitch {
            j["modulus_switch_zeros_count"] = n(m.encryptionsOfZero.count)
            j["ms_bound"] = number(m.msBound)
            j["ms_r_sigma_factor"] = number(m.msRSigmaFactor)
            j["ms_input_variance"] = number(m.msInputVariance)
        }
        return j
    }

    /// The seeded noise-squashing key: its 128-bit bootstrapping key and block moduli.
    static func json(_ k: TfheRsCompressedNoiseSquashingKey) -> [String: JSONValue] {
        var j = json(k.bsk, modulusSwitch: k.modulusSwitch)
        j["seeded"] = .bool(true)
        j["message_modulus"] = .number(String(k.messageModulus))
        j["carry_modulus"] = .number(String(k.carryModulus))
        j["key_material_bytes"] = .number(String(k.bulkSize))
        return j
    }

    /// The (Fourier) noise-squashing key: its 128-bit bootstrapping key and block moduli.
    static func json(_ k: TfheRsNoiseSquashingKey) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        var j: [String: JSONValue] = [
            "seeded": .bool(false),
            "input_lwe_dimension": n(k.bsk.inputLweDimension), "glwe_dimension": n(k.bsk.glweSize - 1),
            "polynomial_size": n(k.bsk.polynomialSize), "decomp_base_log": n(k.bsk.baseLog),
            "decomp_level_count": n(k.bsk.levelCount), "size_bytes": n(k.bsk.bulkSize), "ciphertext_modulus": .string("2^128"),
            "message_modulus": n(k.messageModulus), "carry_modulus": n(k.carryModulus),
        ]
        switch k.modulusSwitch {
        case .standard: j["modulus_switch"] = .string("standard")
        case .centeredMeanNoiseReduction: j["modulus_switch"] = .string("centered_mean_noise_reduction")
        case .driftTechniqueNoiseReduction(let m):
            j["modulus_switch"] = .string("drift_technique_noise_reduction")
            j["modulus_switch_zeros_count"] = n(m.encryptionsOfZero.count / m.lweSize)
        }
        j["key_material_bytes"] = n(k.bsk.bulkSize + k.modulusSwitch.bulkSize)
        return j
    }

    /// A squashed-noise ciphertext's shape (no coefficients).
    static func json(_ c: TfheRsSquashedNoiseCiphertext) -> [String: JSONValue] {
        func n(_ v: Int?) -> JSONValue { v.map { .number(String($0)) } ?? .null }
        let first = c.blocks.first
        let type = first.flatMap { try? TfheRsObject.fheType(kind: c.kind, blocks: c.originalBlockCount, messageModulus: $0.messageModulus) }
        var j: [String: JSONValue] = ["squashed_noise": .bool(true), "ciphertext_modulus": .string("2^128")]
        j["kind"] = .string(c.kind.description)
        j["blocks"] = n(c.blocks.count)
        j["original_blocks"] = n(c.originalBlockCount)
        j["lwe_dimension"] = n(first?.lweDimension)
        j["fhe_type"] = type.map { .string($0.name) } ?? .null
        j["message_modulus"] = n(first?.messageModulus)
        j["carry_modulus"] = n(first?.carryModulus)
        j["max_degree"] = n(c.blocks.map(\.degree).max() ?? 0)
        j["state"] = .string(c.state == .normal ? "Normal" : "PostDecompression")
        return j
    }

    /// A compressed squashed-noise list's shape.
    static func json(_ l: TfheRsCompressedSquashedNoiseCiphertextList) -> [String: JSONValue] {
        func n(_ v: Int?) -> JSONValue { v.map { .number(String($0)) } ?? .null }
        let first = l.glweCiphertexts.first
        var j: [String: JSONValue] = ["squashed_noise": .bool(true), "ciphertext_modulus": .string("2^128")]
        j["blocks"] = n(l.blockCount)
        j["glwe_ciphertexts"] = n(l.glweCiphertexts.count)
        j["glwe_dimension"] = n(first?.glweDimension)
        j["polynomial_size"] = n(first?.polynomialSize)
        j["storage_log_modulus"] = n(first?.logModulus)
        j["lwe_per_glwe"] = n(l.meta?.lwePerGlwe)
        j["message_modulus"] = n(l.meta?.messageModulus)
        j["carry_modulus"] = n(l.meta?.carryModulus)
        j["data_kinds"] = .array(l.info.map { .string($0.description) })
        j["fhe_types"] = fheTypes(l.info, messageModulus: l.meta?.messageModulus ?? 0)
        return j
    }

    static func fheTypes(_ info: [TfheRsDataKind], messageModulus: Int) -> JSONValue {
        .array(info.map { k -> JSONValue in
            guard let t = k.fheType(messageModulus: messageModulus) else { return .null }
            return .string(t.name)
        })
    }

    static func number(_ d: Double) -> JSONValue { d.isFinite ? .number("\(d)") : .null }

    static func json(_ d: NoiseDistribution) -> JSONValue {
        switch d {
        case .tUniform(let b): .object(["TUniform": .object(["bound_log2": .number(String(b))])])
        case .gaussian(let s, let m): .object(["Gaussian": .object(["std": number(s), "mean": number(m)])])
        }
    }

    static func json(_ c: EncryptionKeyChoice) -> JSONValue { .string(c == .big ? "Big" : "Small") }

    static func json(_ k: CompactPublicKeyParameters.ExpansionKind) -> JSONValue {
        switch k {
        case .requiresCasting: .string("RequiresCasting")
        case .noCasting(let c): .object(["NoCasting": .string(TfheRsPBSOrder(key: c).description)])
        }
    }

    static func json(_ p: ClassicPBSParameters) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        func n(_ v: some TFHEParameter) -> JSONValue { .number(String(v.value)) }
        return [
            "lwe_dimension": n(p.lweDimension), "glwe_dimension": n(p.glweDimension), "polynomial_size": n(p.polynomialSize),
            "lwe_noise_distribution": json(p.lweNoiseDistribution), "glwe_noise_distribution": json(p.glweNoiseDistribution),
            "pbs_base_log": n(p.pbsBaseLog), "pbs_level": n(p.pbsLevel), "ks_base_log": n(p.ksBaseLog), "ks_level": n(p.ksLevel),
            "message_modulus": n(p.messageModulus), "carry_modulus": n(p.carryModulus), "max_noise_level": n(p.maxNoiseLevel),
            "log2_p_fail": number(p.log2PFail), "ciphertext_modulus": .string("2^64"),
            "encryption_key_choice": json(p.encryptionKeyChoice),
            "modulus_switch_noise_reduction_params": p.modulusSwitchNoiseReduction.map {
                .object(["modulus_switch_zeros_count": n($0.zerosCount), "ms_bound": number($0.msBound),
                         "ms_r_sigma_factor": number($0.msRSigmaFactor), "ms_input_variance": number($0.msInputVariance)])
            } ?? .null,
            "modulus_switch_type": .string({
                switch p.modulusSwitchType {
                case .standard: "Standard"
                case .driftTechniqueNoiseReduction: "DriftTechniqueNoiseReduction"
                case .centeredMeanNoiseReduction: "CenteredMeanNoiseReduction"
                }
            }()),
        ]
    }

    static func json(_ p: TfheRsCompactPkeParameters) -> [String: JSONValue] {
        [
            "encryption_lwe_dimension": .number(String(p.encryptionLweDimension.value)),
            "encryption_noise_distribution": json(p.encryptionNoiseDistribution),
            "message_modulus": .number(String(p.messageModulus)),
            "carry_modulus": .number(String(p.carryModulus)),
            "ciphertext_modulus": .string("2^64"),
            "expansion_kind": json(p.expansionKind),
            "zk_scheme": p.zkScheme.map { .string($0.description) } ?? .null,
        ]
    }

    static func json(_ p: KeySwitchingParameters) -> [String: JSONValue] {
        ["ks_base_log": .number(String(p.baseLog.value)), "ks_level": .number(String(p.level.value)), "destination_key": json(p.destinationKey)]
    }

    static func json(_ p: CompressionParameters) -> [String: JSONValue] {
        func n(_ v: Int) -> JSONValue { .number(String(v)) }
        func n(_ v: some TFHEParameter) -> JSONValue { .number(String(v.value)) }
        return [
            "br_level": n(p.brLevel), "br_base_log": n(p.brBaseLog), "packing_ks_level": n(p.packingKsLevel),
            "packing_ks_base_log": n(p.packingKsBaseLog), "packing_ks_polynomial_size": n(p.packingKsPolynomialSize),
            "packing_ks_glwe_dimension": n(p.packingKsGlweDimension), "lwe_per_glwe": n(p.lwePerGlwe),
            "storage_log_modulus": n(p.storageLogModulus), "packing_ks_key_noise_distribution": json(p.packingKsKeyNoiseDistribution),
        ]
    }
}
