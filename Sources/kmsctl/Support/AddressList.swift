import KMSCore

/// Ethereum addresses separated by commas (`--party-signers`), in order.
func ethereumAddressList(_ text: String) throws -> [EthereumAddress] {
    try text.split(separator: ",").map { try EthereumAddress(parsing: String($0).trimmingCharacters(in: .whitespaces)) }
}
