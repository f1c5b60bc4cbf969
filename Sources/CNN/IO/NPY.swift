import Foundation
import Wording

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

    /// Reads the `.npy` file at `url`.
    /// - Throws: `CNNError` with code `.io`, naming the file and what is wrong with it.
    public static func read(contentsOf url: URL) throws(CNNError) -> Tensor {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CNNError(.io, .npyUnreadable, FileCause.arguments(.reading(url), url, error))
        }
        return try decode([UInt8](data), name: url.path)
    }

    /// Decodes the bytes of a `.npy` file; `name` is used in error messages.
    /// - Throws: `CNNError` with code `.io` for a malformed or unsupported file.
    public static func decode(_ bytes: [UInt8], name: String) throws(CNNError) -> Tensor {
        func fail(_ problem: EngineRefusal, _ arguments: [String: any MessageArgument] = [:]) -> CNNError {
            CNNError(.io, problem, arguments.merging(["file": name]) { own, _ in own })
        }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw fail(.npyNotNumpy)
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail(.npyTruncatedHeader) }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw fail(.npyVersion, ["version": "\(major).\(bytes[7])"])
        }
        guard bytes.count >= headerStart + headerLength else {
            throw fail(.npyTruncatedHeader)
        }
        guard let header = String(bytes: bytes[headerStart..<headerStart + headerLength], encoding: .utf8)
        else {
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
        let dataStart = headerStart + headerLength
        let needed = count.multipliedReportingOverflow(by: type.byteCount)
        guard !needed.overflow, bytes.count - dataStart >= needed.partialValue else {
            throw fail(
                .npyTruncatedData,
                [
                    "shape": fields.shape, "dtype": fields.descr, "needed": needed.partialValue,
                    "has": bytes.count - dataStart,
                ])
        }
        let bigEndian = order == ">"
        let kind: ElementKind =
            switch type {
            case .float32, .float64: .real
            case .int32, .int64, .uint8: .integer
            case .bool: .boolean
            }
        do {
            return try Tensor(shape: fields.shape, of: Float.self, kind: kind) { out in
                bytes.withUnsafeBytes { raw in
                    let base = dataStart
                    for i in 0..<count {
                        let offset = base + i * type.byteCount
                        out[i] = element(raw, offset, type, bigEndian: bigEndian)
                    }
                }
            }
        } catch let error as CNNError {
            throw error
        } catch {
            throw fail(.npyUnreadableData, ["type": String(reflecting: Swift.type(of: error))])
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
            case (.integer, _), (.integer32, _): "<i8"
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
