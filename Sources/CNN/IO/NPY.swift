import Foundation
import Wording

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// NumPy's `.npy` file format (format versions 1.0–3.0, as `numpy.save` writes them), so tensors
/// can come from and go to NumPy and PyTorch (`torch.from_numpy(np.load(…))`).
///
/// Reading accepts C-order arrays of `float32`, `float64`, `int32`, `int64`, `uint8` and `bool`
/// in either byte order and converts them to float32 tensors: integers become integer tensors
/// (exact up to 2^24), booleans boolean tensors. Anything else — Fortran order, other dtypes,
/// object arrays, a truncated file — is refused with the file's name and the reason.
///
/// Writing produces version 1.0 files: real tensors as `<f4` (or `<f8` for float64), integer
/// tensors as `<i8`, boolean tensors as `|b1`.
public enum NPY {
    /// The element types that can be read, by their NumPy `descr` without the byte-order mark.
    enum ElementType: String {
        case float32 = "f4", float64 = "f8", int32 = "i4", int64 = "i8", uint8 = "u1", bool = "b1"

        var byteCount: Int {
            switch self {
            case .float32, .int32: 4
            case .float64, .int64: 8
            case .uint8, .bool: 1
            }
        }
    }

    static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Reads the `.npy` file at `url`, a piece at a time: the header first, then, once the
    /// shape is known to be within `maxElements` and the file long enough for it, exactly the
    /// data the shape needs. Only regular files are read (a FIFO, a device or a socket could
    /// block or never end), so no file can hang the reader or make it allocate more than the
    /// tensor it describes.
    /// - Throws: `CNNError` with code `.io`, naming the file and what is wrong with it, or with
    ///   code `.tooLarge` for a shape of more than `maxElements` elements.
    public static func read(contentsOf url: URL, maxElements: Int = .max) throws(CNNError) -> Tensor {
        let file = try NPYFile(url)
        let prefix = try file.read(upTo: 12)
        let (headerStart, headerLength) = try headerPlace(prefix, name: url.path)
        guard headerLength <= maxHeaderLength, file.size - headerStart >= headerLength else {
            throw CNNError(.io, .npyTruncatedHeader, ["file": url.path])
        }
        let header = try file.read(upTo: headerLength, at: headerStart)
        guard header.count == headerLength else {
            throw CNNError(.io, .npyTruncatedHeader, ["file": url.path])
        }
        let layout = try Layout(header, name: url.path)
        guard layout.count <= maxElements else {
            throw CNNError(
                .tooLarge, .npyTooManyElements,
                ["file": url.path, "shape": layout.shape, "count": layout.count, "limit": maxElements])
        }
        let dataStart = headerStart + headerLength
        let has = file.size - dataStart
        guard has >= layout.byteCount else { throw layout.truncated(has: has, name: url.path) }
        let data = try file.read(upTo: layout.byteCount, at: dataStart)
        guard data.count == layout.byteCount else { throw layout.truncated(has: data.count, name: url.path) }
        return try layout.tensor(data, at: 0, name: url.path)
    }

    /// The longest header read: NumPy pads headers to 64 bytes and writes a few hundred; a header
    /// length past this is a damaged or hostile file, refused before anything is read.
    static let maxHeaderLength = 1 << 20

    /// Decodes the bytes of a `.npy` file; `name` is used in error messages.
    /// - Throws: `CNNError` with code `.io` for a malformed or unsupported file.
    public static func decode(_ bytes: [UInt8], name: String) throws(CNNError) -> Tensor {
        let (headerStart, headerLength) = try headerPlace(bytes, name: name)
        guard bytes.count - headerStart >= headerLength else {
            throw CNNError(.io, .npyTruncatedHeader, ["file": name])
        }
        let layout = try Layout(Array(bytes[headerStart..<headerStart + headerLength]), name: name)
        let dataStart = headerStart + headerLength
        guard bytes.count - dataStart >= layout.byteCount else {
            throw layout.truncated(has: bytes.count - dataStart, name: name)
        }
        return try layout.tensor(bytes, at: dataStart, name: name)
    }

    /// Where the header starts and how long it is, read from the magic string and version.
    static func headerPlace(_ bytes: [UInt8], name: String) throws(CNNError) -> (start: Int, length: Int) {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw CNNError(.io, .npyNotNumpy, ["file": name])
        }
        let major = bytes[6]
        switch major {
        case 1:
            return (10, Int(bytes[8]) | Int(bytes[9]) << 8)
        case 2, 3:
            guard bytes.count >= 12 else { throw CNNError(.io, .npyTruncatedHeader, ["file": name]) }
            return (12, (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) })
        default:
            throw CNNError(.io, .npyVersion, ["file": name, "version": "\(major).\(bytes[7])"])
        }
    }

    /// What a header says: the element type and byte order, the shape, and the sizes they make.
    struct Layout {
        var type: ElementType
        var descr: String
        var bigEndian: Bool
        var shape: [Int]
        /// Elements of the shape.
        var count: Int
        /// Bytes of data the shape needs.
        var byteCount: Int

        init(_ headerBytes: [UInt8], name: String) throws(CNNError) {
            func fail(_ problem: EngineRefusal, _ arguments: [String: any MessageArgument] = [:]) -> CNNError
            {
                CNNError(.io, problem, arguments.merging(["file": name]) { own, _ in own })
            }
            guard let header = String(bytes: headerBytes, encoding: .utf8) else {
                throw fail(.npyHeaderNotText)
            }
            let fields = try Header(header, fail: fail)
            if fields.fortranOrder {
                throw fail(.npyFortranOrder)
            }
            let order = fields.descr.first
            let code = String(fields.descr.dropFirst())
            guard let type = ElementType(rawValue: code),
                order == "<" || order == ">" || order == "|" || order == "="
            else {
                throw fail(.npyDtype, ["dtype": fields.descr])
            }
            var count = 1
            for size in fields.shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: size)
                guard !overflow, size >= 0 else { throw fail(.npyShapeTooLarge, ["shape": fields.shape]) }
                count = product
            }
            let bytes = count.multipliedReportingOverflow(by: type.byteCount)
            guard !bytes.overflow else { throw fail(.npyShapeTooLarge, ["shape": fields.shape]) }
            self.type = type
            descr = fields.descr
            bigEndian = order == ">"
            shape = fields.shape
            self.count = count
            byteCount = bytes.partialValue
        }

        /// The refusal of a file with only `has` bytes of data.
        func truncated(has: Int, name: String) -> CNNError {
            CNNError(
                .io, .npyTruncatedData,
                ["file": name, "shape": shape, "dtype": descr, "needed": byteCount, "has": max(0, has)])
        }

        /// The tensor whose elements start at `dataStart` in `bytes` (which holds all of them).
        func tensor(_ bytes: [UInt8], at dataStart: Int, name: String) throws(CNNError) -> Tensor {
            let kind: ElementKind =
                switch type {
                case .float32, .float64: .real
                case .int32, .int64, .uint8: .integer
                case .bool: .boolean
                }
            do {
                return try Tensor(shape: shape, of: Float.self, kind: kind) { out in
                    bytes.withUnsafeBytes { raw in
                        for i in 0..<count {
                            let offset = dataStart + i * type.byteCount
                            out[i] = element(raw, offset, type, bigEndian: bigEndian)
                        }
                    }
                }
            } catch let error as CNNError {
                throw error
            } catch {
                throw CNNError(
                    .io, .npyUnreadableData,
                    ["file": name, "type": String(reflecting: Swift.type(of: error))])
            }
        }
    }

    private static func element(
        _ raw: UnsafeRawBufferPointer, _ offset: Int, _ type: ElementType, bigEndian: Bool
    )
        -> Float
    {
        func integer<T: FixedWidthInteger>(_: T.Type) -> T {
            let value = raw.loadUnaligned(fromByteOffset: offset, as: T.self)
            return bigEndian ? T(bigEndian: value) : T(littleEndian: value)
        }
        switch type {
        case .float32: return Float(bitPattern: integer(UInt32.self))
        case .float64: return Float(Double(bitPattern: integer(UInt64.self)))
        case .int32: return Float(integer(Int32.self))
        case .int64: return Float(integer(Int64.self))
        case .uint8: return Float(raw[offset])
        case .bool: return raw[offset] != 0 ? 1 : 0
        }
    }

    /// The bytes of a version 1.0 `.npy` file holding `tensor`.
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let descr: String =
            switch (tensor.kind, tensor.dtype) {
            case (.boolean, _): "|b1"
            case (.integer, _), (.integer32, _), (.int16, _), (.int8, _), (.uint8, _): "<i8"
            case (.real, .float32): "<f4"
            case (.real, .float64): "<f8"
            }
        let shape =
            tensor.shape.count == 1
            ? "(\(tensor.shape[0]),)" : "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        // Pad with spaces so that magic + version + length + header + "\n" is a multiple of 64.
        let unpadded = magic.count + 2 + 2 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes = magic + [1, 0]
        let length = header.utf8.count
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        let values = tensor.scalarsAsDoubles()
        bytes.reserveCapacity(bytes.count + values.count * 8)
        for value in values {
            switch descr {
            case "|b1": bytes.append(value != 0 ? 1 : 0)
            case "<i8": withUnsafeBytes(of: Int64(Int(saturating: value)).littleEndian) { bytes += $0 }
            case "<f8": withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
            default: withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { bytes += $0 }
            }
        }
        return bytes
    }

    /// Writes `tensor` to `url` as a `.npy` file.
    /// - Throws: `CNNError` with code `.io` when the file cannot be written.
    public static func write(_ tensor: Tensor, to url: URL) throws(CNNError) {
        do {
            try Data(encode(tensor)).write(to: url)
        } catch {
            throw CNNError(.io, .npyUnwritable, FileCause.arguments(.writing(url), url, error))
        }
    }

    /// The three fields of a `.npy` header, a Python dict literal such as
    /// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
    struct Header {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]

        init(_ text: String, fail: (EngineRefusal, [String: any MessageArgument]) -> CNNError)
            throws(CNNError)
        {
            func value(of key: String) throws(CNNError) -> Substring {
                guard let keyRange = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\""),
                    let colon = text[keyRange.upperBound...].firstIndex(of: ":")
                else { throw fail(.npyHeaderField, ["field": key]) }
                return text[text.index(after: colon)...].drop { $0 == " " }
            }
            let descrValue = try value(of: "descr")
            guard let quote = descrValue.first, quote == "'" || quote == "\"",
                let end = descrValue.dropFirst().firstIndex(of: quote)
            else {
                throw fail(.npyStructured, [:])
            }
            descr = String(descrValue[descrValue.index(after: descrValue.startIndex)..<end])
            let fortran = try value(of: "fortran_order")
            if fortran.hasPrefix("True") {
                fortranOrder = true
            } else if fortran.hasPrefix("False") {
                fortranOrder = false
            } else {
                throw fail(.npyFortranField, [:])
            }
            let shapeValue = try value(of: "shape")
            guard shapeValue.first == "(", let close = shapeValue.firstIndex(of: ")") else {
                throw fail(.npyShapeField, [:])
            }
            var sizes: [Int] = []
            for part in shapeValue[shapeValue.index(after: shapeValue.startIndex)..<close].split(
                separator: ",")
            {
                let trimmed = part.trimmingCharacters(in: .whitespaces).replacingOccurrences(
                    of: "L", with: "")
                if trimmed.isEmpty { continue }
                guard let size = Int(trimmed), size >= 0 else {
                    throw fail(.npyShapeSize, ["size": trimmed])
                }
                sizes.append(size)
            }
            shape = sizes
        }
    }
}

/// A `.npy` file opened for reading in pieces (`NPY.read`): a regular file only, its size taken
/// when opened, closed when the value goes.
private final class NPYFile {
    let url: URL
    let descriptor: Int32
    /// Bytes in the file when it was opened.
    let size: Int

    init(_ url: URL) throws(CNNError) {
        self.url = url
        // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever.
        let descriptor = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CNNError(
                .io, .npyUnreadable,
                ["file": url.path, "cause": FileCause.reading(url).rawValue, "reason": reason])
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw CNNError(.io, .npyUnreadable, ["file": url.path, "cause": "other", "reason": reason])
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            close(descriptor)
            throw CNNError(.io, .npyUnreadable, ["file": url.path, "cause": "directory", "reason": ""])
        default:
            close(descriptor)
            throw CNNError(.io, .npyNotRegular, ["file": url.path])
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset`: fewer only when the file ends first (it may have
    /// shrunk since it was opened).
    func read(upTo count: Int, at offset: Int = 0) throws(CNNError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(0, count))
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(descriptor, base + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                throw CNNError(.io, .npyUnreadable, ["file": url.path, "cause": "other", "reason": reason])
            }
            if got == 0 { break }
            done += got
        }
        return done == count ? bytes : Array(bytes[0..<done])
    }
}
