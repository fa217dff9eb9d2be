import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Errors of file storage (key store, signer files, light-client store).
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The destination exists and overwriting was not requested.
    case alreadyExists(path: String)
    /// A file or directory that should exist does not.
    case notFound(path: String)
    /// A system call failed (`errno` text).
    case io(path: String, reason: String)
    /// A stored file's digest does not match the manifest (tampering or corruption).
    case digestMismatch(path: String)
    /// A file whose content cannot be understood.
    case corrupted(path: String, reason: String)
    /// A file larger than the reader accepts.
    case tooLarge(path: String, limit: Int)

    public var description: String {
        switch self {
        case .alreadyExists(let p): "\(p) already exists (refusing to overwrite it)"
        case .notFound(let p): "\(p) not found"
        case .io(let p, let r): "\(p): \(r)"
        case .digestMismatch(let p): "\(p) does not match the digest recorded in the manifest (file tampered with or corrupted)"
        case .corrupted(let p, let r): "\(p) is corrupted: \(r)"
        case .tooLarge(let p, let l): "\(p) is larger than the \(l)-byte limit"
        }
    }
}

/// Atomic, permission-aware file writes: data goes to a temporary file in the same directory
/// (created with the final permissions, flushed with `fsync`), which is then renamed over the
/// destination. A crash leaves either the old file or the new one, never a torn file.
///
/// ```swift
/// try SecureFile.write(secretBytes, to: url, permissions: 0o600)            // refuses to overwrite
/// try SecureFile.write(newBytes, to: url, permissions: 0o644, overwrite: true)
/// ```
package enum SecureFile {
    /// Writes `bytes` atomically to `url` with `permissions` (e.g. `0o600` for secrets).
    /// - Throws: `StorageError.alreadyExists` when `url` exists and `overwrite` is false.
    package static func write(_ bytes: [UInt8], to url: URL, permissions: mode_t = 0o600,
                             overwrite: Bool = false) throws(StorageError) {
        let path = url.path
        if !overwrite, FileManager.default.fileExists(atPath: path) { throw .alreadyExists(path: path) }
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-" + Hex.encode(SecureRandom.bytes(8))
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw .io(path: path, reason: errnoText()) }
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        // The umask may have removed bits; set the exact mode requested.
        guard fchmod(fd, permissions) == 0 else { close(fd); throw .io(path: path, reason: errnoText()) }
        var written = 0
        let writeFailed: Bool = bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return true
                }
                written += n
            }
            return false
        }
        if writeFailed { let e = errnoText(); close(fd); throw .io(path: path, reason: e) }
        guard fsync(fd) == 0 else { let e = errnoText(); close(fd); throw .io(path: path, reason: e) }
        close(fd)
        if overwrite {
            guard rename(tmp, path) == 0 else { throw .io(path: path, reason: errnoText()) }
        } else {
            // link(2) fails if the destination appeared meanwhile: no silent overwrite, even racing.
            guard link(tmp, path) == 0 else {
                if errno == EEXIST { throw .alreadyExists(path: path) }
                throw .io(path: path, reason: errnoText())
            }
            unlink(tmp)
        }
        ok = true
        syncDirectory(dir)
    }

    /// The largest file `read` accepts by default: 1 GiB (fhEVM caps keys at 512 MiB).
    package static let defaultMaxReadSize = 1 << 30

    /// Reads a whole file, refusing more than `maxSize` bytes (also for endless files such as
    /// `/dev/zero`) before holding them in memory.
    package static func read(_ url: URL, maxSize: Int = defaultMaxReadSize) throws(StorageError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound(path: url.path) }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw .io(path: url.path, reason: "cannot open file")
        }
        defer { try? handle.close() }
        // A regular file's size is known: refuse it before reading, and read into one buffer of
        // that size (no growth, so the peak is the file, not twice it).
        var st = stat()
        if fstat(handle.fileDescriptor, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            let size = Int(st.st_size)
            if size > maxSize { throw .tooLarge(path: url.path, limit: maxSize) }
            return try readAll(handle, path: url.path, maxSize: maxSize, expectedSize: size)
        }
        return try readAll(handle, path: url.path, maxSize: maxSize)
    }

    /// Reads `handle` to its end, refusing more than `maxSize` bytes.
    package static func readAll(_ handle: FileHandle, path: String, maxSize: Int = defaultMaxReadSize,
                                expectedSize: Int = 0) throws(StorageError) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(min(expectedSize, maxSize))
        let chunk = 1 << 20
        while true {
            let data: Data?
            do { data = try handle.read(upToCount: chunk) } catch { throw .io(path: path, reason: "cannot read file") }
            guard let data, !data.isEmpty else { return out }
            if out.count + data.count > maxSize { throw .tooLarge(path: path, limit: maxSize) }
            out.append(contentsOf: data)
        }
    }

    /// The permission bits of a file (e.g. `0o600`).
    package static func permissions(of url: URL) throws(StorageError) -> mode_t {
        var st = stat()
        guard stat(url.path, &st) == 0 else { throw .io(path: url.path, reason: errnoText()) }
        return st.st_mode & 0o7777
    }

    /// Creates a directory (and parents) if missing, with `permissions` for the last component.
    package static func makeDirectory(_ url: URL, permissions: mode_t = 0o700) throws(StorageError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) {
            if !isDir.boolValue { throw .io(path: url.path, reason: "exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true,
                attributes: [.posixPermissions: NSNumber(value: permissions)])
        } catch {
            throw .io(path: url.path, reason: "cannot create directory")
        }
    }

    private static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
