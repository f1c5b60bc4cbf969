import Foundation
import Testing

@testable import CNN

/// `.npy` files made to hang or exhaust the reader: a FIFO, a device, a header claiming gigabytes,
/// a shape far past the element limit, data shorter than the shape. Each is refused with the
/// file's name and the precise reason, before the data is read (`NPY.read` reads the header,
/// checks the shape against the limit and the file's size, then reads exactly the data needed).
@Suite struct NPYHostileFileTests {
    /// A scratch file holding `bytes`, removed by the caller.
    static func file(_ bytes: [UInt8], _ name: String = UUID().uuidString) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).npy")
        try Data(bytes).write(to: url)
        return url
    }

    /// A version 1.0 file with `header` (padded as NumPy pads it) and `data`.
    static func npy(_ header: String, data: [UInt8] = []) -> [UInt8] {
        var text = header
        let unpadded = NPY.magic.count + 4 + text.utf8.count + 1
        text += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = text.utf8.count
        return NPY.magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8) + data
    }

    static func refusal(_ url: URL, maxElements: Int = .max) -> CNNError? {
        #expect(throws: CNNError.self) { try NPY.read(contentsOf: url, maxElements: maxElements) }
    }

    @Test func aShapeBeyondTheElementLimitIsRefusedBeforeReading() throws {
        let url = try Self.file(Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 1000), }"))
        defer { try? FileManager.default.removeItem(at: url) }
        let error = Self.refusal(url, maxElements: 10_000)
        #expect(error?.code == .tooLarge)
        #expect(error?.message.contains("more than the limit of 10000") == true, "\(error?.message ?? "")")
        #expect(error?.message.hasPrefix(url.path + ": ") == true)
    }

    @Test func truncatedDataSaysWhatTheShapeNeedsAndWhatIsThere() throws {
        let url = try Self.file(
            Self.npy(
                "{'descr': '<f8', 'fortran_order': False, 'shape': (10**9,), }".replacingOccurrences(
                    of: "10**9", with: "1000000000"), data: [0, 0, 0]))
        defer { try? FileManager.default.removeItem(at: url) }
        let error = Self.refusal(url)
        #expect(error?.code == .io)
        #expect(
            error?.message.contains("needs 8000000000 bytes of data, it has 3") == true,
            "\(error?.message ?? "")")
    }

    @Test func aHeaderLongerThanTheFileIsATruncatedHeader() throws {
        // Version 2 with a header length of 4 GiB − 1 in a 16-byte file.
        let url = try Self.file(NPY.magic + [2, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x7B, 0x27, 0x64, 0x65])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(Self.refusal(url)?.message.contains("truncated inside its header") == true)
    }

    @Test func aShapeWhoseByteCountOverflowsIsTooLarge() throws {
        let url = try Self.file(
            Self.npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904,), }"))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(Self.refusal(url)?.message.contains("is too large") == true)
    }

    @Test func fortranOrderAndOtherDtypesKeepTheirMessages() throws {
        let fortran = try Self.file(
            Self.npy("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", data: [0, 0, 0, 0]))
        let strings = try Self.file(Self.npy("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }"))
        defer {
            try? FileManager.default.removeItem(at: fortran)
            try? FileManager.default.removeItem(at: strings)
        }
        #expect(Self.refusal(fortran)?.message.contains("Fortran-order") == true)
        #expect(Self.refusal(strings)?.message.contains("unsupported dtype '<U3'") == true)
    }

    @Test func devicesPipesAndFoldersAreRefusedWithoutBlocking() throws {
        let device = Self.refusal(URL(fileURLWithPath: "/dev/zero"))
        #expect(
            device?.message
                == "/dev/zero: not a regular file (a device, a pipe or a socket is not read as .npy)")
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).npy")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { try? FileManager.default.removeItem(at: fifo) }
        #expect(Self.refusal(fifo)?.message.contains("not a regular file") == true)
        let folder = FileManager.default.temporaryDirectory
        #expect(Self.refusal(folder)?.message.contains("it is a folder") == true)
        #expect(
            Self.refusal(URL(fileURLWithPath: "/nonexistent/x.npy"))?.message.contains("no such file") == true
        )
    }

    @Test func aValidFileWithinTheLimitIsRead() throws {
        let data = [Float(1.5), -2].flatMap { value in
            withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init)
        }
        let url = try Self.file(
            Self.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data: data))
        defer { try? FileManager.default.removeItem(at: url) }
        let tensor = try NPY.read(contentsOf: url, maxElements: 2)
        #expect(tensor.scalarsAsFloats() == [1.5, -2])
    }
}
