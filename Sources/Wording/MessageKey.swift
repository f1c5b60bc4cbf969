/// The keys of one catalog: an enum whose cases are the sentences a module can say.
///
/// The raw value is the key in the catalog files; `catalog` is the file name
/// (`Catalogs/<language>/<catalog>.json`). Keys are enums so that a sentence the code can say is a
/// case the compiler knows, and a catalog test can list every one (`allCases`): a key missing from
/// a language, or a catalog entry no case names, fails the tests.
public protocol MessageKey: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The catalog file (without `.json`) these keys live in, the same in every language.
    static var catalog: String { get }
}

extension MessageKey {
    /// Every key of this type as the catalogs name it, `catalog.key`, for the catalog tests.
    public static var catalogIDs: [String] { allCases.map { catalog + "." + $0.rawValue } }
}
