import Foundation
import Testing

@testable import CNN

@Suite struct NPYTests {
    static func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/npy/\(name)", withExtension: "npy")!
    }

    /// The values `make_npy_fixtures.py` saved: `a = [[1.5, -2.0, 3.25], [0.0, 1e-3, -7.5]]`.
    static let realValues: [Float] = [1.5, -2.0, 3.25, 0.0, 1e-3, -7.5]

    @Test(arguments: ["float32", "float64"])
    func readsRealArrays(name: String) throws {
        let tensor = try NPY.read(contentsOf: Self.fixture(name))
        #expect(tensor.shape == [2, 3])
        #expect(tensor.dtype == .float32)
        #expect(tensor.kind == .real)
        #expect(tensor.scalarsAsFloats() == Self.realValues)
    }

    @Test(arguments: ["int32", "int64"])
    func readsIntegerArrays(name: String) throws {
        let tensor = try NPY.read(contentsOf: Self.fixture(name))
        #expect(tensor.shape == [2, 3])
        #expect(tensor.kind == .integer)
        #expect(tensor.scalarsAsDoubles() == [1, -2, 3, 4, 5, -6])
    }

    @Test func readsUInt8BoolScalarAndBigEndian() throws {
        let bytes = try NPY.read(contentsOf: Self.fixture("uint8"))
        #expect(bytes.scalarsAsDoubles() == [0, 1, 127, 255])
        let flags = try NPY.read(contentsOf: Self.fixture("bool"))
        #expect(flags.kind == .boolean)
        #expect(flags.shape == [2, 2])
        #expect(flags.scalarsAsDoubles() == [1, 0, 0, 1])
        let scalar = try NPY.read(contentsOf: Self.fixture("scalar"))
        #expect(scalar.shape == [])
        #expect(try scalar.item() == 2.5)
        #expect(try NPY.read(contentsOf: Self.fixture("big_endian")).scalarsAsDoubles() == [1, -2])
    }

    @Test(arguments: [
        ("fortran", "Fortran-order"), ("complex", "unsupported dtype '<c8'"),
        ("float16", "unsupported dtype '<f2'"),
    ])
    func refusesWithTheFileAndTheReason(name: String, reason: String) {
        let error = #expect(throws: CNNError.self) { try NPY.read(contentsOf: Self.fixture(name)) }
        #expect(error?.code == .io)
        #expect(error?.message.hasPrefix(Self.fixture(name).path + ": ") == true)
        #expect(error?.message.contains(reason) == true)
    }

    @Test func refusesTruncatedAndForeignFiles() throws {
        let whole = try Data(contentsOf: Self.fixture("float32"))
        let truncated = #expect(throws: CNNError.self) {
            try NPY.decode([UInt8](whole.dropLast(3)), name: "t.npy")
        }
        #expect(truncated?.message.hasPrefix("t.npy: the file is truncated") == true)
        let foreign = #expect(throws: CNNError.self) {
            try NPY.decode(Array("hello world".utf8), name: "h.npy")
        }
        #expect(foreign?.message.hasPrefix("h.npy: not a NumPy .npy file") == true)
        #expect(throws: CNNError.self) {
            try NPY.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.npy"))
        }
    }

    @Test func roundTripsThroughNumpysBytes() throws {
        // Our float32 writer produces exactly numpy's bytes for the same array (same header
        // padding to 64 bytes, same little-endian data).
        let read = try NPY.read(contentsOf: Self.fixture("float32"))
        #expect(NPY.encode(read) == [UInt8](try Data(contentsOf: Self.fixture("float32"))))
        let flags = try NPY.read(contentsOf: Self.fixture("bool"))
        #expect(NPY.encode(flags) == [UInt8](try Data(contentsOf: Self.fixture("bool"))))
        let integers = try NPY.read(contentsOf: Self.fixture("int64"))
        #expect(NPY.encode(integers) == [UInt8](try Data(contentsOf: Self.fixture("int64"))))
        let scalar = try NPY.read(contentsOf: Self.fixture("scalar"))
        #expect(NPY.encode(scalar) == [UInt8](try Data(contentsOf: Self.fixture("scalar"))))
    }

    @Test func writesFloat64AndReadsItBack() throws {
        let tensor = try Tensor([0.1, 0.2], shape: [2], dtype: .float64)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "npy-\(UUID().uuidString).npy")
        defer { try? FileManager.default.removeItem(at: url) }
        try NPY.write(tensor, to: url)
        let bytes = try [UInt8](Data(contentsOf: url))
        #expect(String(decoding: bytes[10..<30], as: UTF8.self).contains("'<f8'"))
        #expect(try NPY.read(contentsOf: url).scalarsAsFloats() == [0.1, 0.2])
    }
}
