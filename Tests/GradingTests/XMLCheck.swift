import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses XML (and the XHTML-compatible HTML the answer key writes) with Foundation's XML parser,
/// which rejects unbalanced tags, bad entities and bad attributes.
enum XMLCheck {
    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    static func assertWellFormed(_ text: String) throws {
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        if !parser.parse() {
            throw Malformed(
                description:
                    "line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")"
            )
        }
        #expect(delegate.elements > 0)
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var elements = 0
        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            elements += 1
        }
    }
}
