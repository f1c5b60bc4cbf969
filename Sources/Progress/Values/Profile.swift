import Foundation
import Wording

/// A learner on this machine: progress, positions and settings are kept per profile.
public struct Profile: Sendable, Hashable {
    /// The profile used when the learner names none.
    public static let defaultName = "default"

    /// The profile's unique name (`default` unless the learner picks one).
    public var name: String
    /// The lesson language the learner chose (`en`, `ko`, …), or `nil` for the course default.
    public var language: Language?
    /// When the profile was created.
    public var created: Date

    /// Creates a profile value.
    public init(name: String, language: Language?, created: Date) {
        self.name = name
        self.language = language
        self.created = created
    }
}
