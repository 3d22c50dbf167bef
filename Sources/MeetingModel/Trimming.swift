extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without white space (spaces, tabs, line breaks: `Character.isWhitespace`) at
    /// either end. The standard library's own walk over characters: Foundation's
    /// `trimmingCharacters(in:)` bridges through UTF-16 and cost 10 % of a 100,000-row import.
    public var trimmed: String {
        // Most fields start and end with a visible ASCII character: nothing to walk.
        if let first = utf8.first, let last = utf8.last, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            return String(self)
        }
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
