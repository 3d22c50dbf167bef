import AppCore
import Localization
import MeetingModel
import MeetingTime
import Rendering

/// How to join the selected session (`J`): the platform, the full link, the meeting ID and
/// passcode, the channel of the viewer's language and the dial-in numbers, the viewer's country
/// first — for attendees, from the release time to the session's end (issue 19).
struct JoinView {
    let state: AppState
    let data: MeetingData
    let line: SessionLine

    /// Dial-in numbers shown at most (the rest counted).
    static let maxDialIns = 4

    func render(into b: inout ScreenBuffer, area: Rect, options: RenderOptions) {
        let l = state.l10n
        let width = min(area.width, 76)
        var lines: [(String, Style)] = []
        var links: [Int: String] = [:]
        if let info = state.join(for: line) {
            (lines, links) = describe(info, width: width, l)
        } else {
            lines.append((l("join.none"), .normal))
        }
        lines.append((l("join.close"), Style(.dim)))
        Dialog(
            title: l("join.title", ["session": "\(line.session.id) \(line.session.title)"]), lines: lines, width: width,
            links: links
        ).render(into: &b, area: area, borders: options.borders)
    }

    /// The dialog's lines, and the link's own lines (by index) that open it where the terminal
    /// supports hyperlinks (OSC 8).
    private func describe(_ info: JoinInfo, width: Int, _ l: Localizer) -> ([(String, Style)], [Int: String]) {
        let d = info.details
        var lines: [(String, Style)] = [], links: [Int: String] = [:]
        let platform = [d.platform?.displayName, d.name].compactMap { $0 }.joined(separator: " · ")
        if !platform.isEmpty { lines.append((platform, Style(.accent))) }
        guard info.attendee else { return (lines + [(l("join.not-attendee"), .normal)], [:]) }
        switch info.phase {
        case .before:
            let opens = try? data.clock.reading(
                zone: state.zoneIdentifier, delegation: data.me.delegation, at: info.release.opens)
            let when =
                opens.map { "\(l.shortDay($0.local.day)) \($0.local.timeText)" } ?? info.release.opens.description
            return (lines + [(l("join.from", ["when": when, "zone": zoneLabel(state)]), .normal)], [:])
        case .ended:
            return (lines + [(l("join.ended"), Style(.dim))], [:])
        case .open:
            break
        }
        if let url = d.url {
            // The whole link, over as many lines as it needs (a cut link opens nothing).
            let room = max(10, width - 4)
            var rest = Substring(url)
            lines.append((l(d.personal ? "join.personal-link" : "join.link"), .normal))
            while !rest.isEmpty {
                links[lines.count] = url
                lines.append(("  " + rest.prefix(room - 2), Style(.title)))
                rest = rest.dropFirst(room - 2)
            }
        }
        var ids: [String] = []
        if let id = d.meetingID { ids.append(l("join.meeting-id", ["id": id])) }
        if let code = d.passcode { ids.append(l("join.passcode", ["code": code])) }
        if !ids.isEmpty { lines.append((ids.joined(separator: "   "), .normal)) }
        let language = l.languageName(line.channel)
        lines.append(
            (
                info.channelNumber.map { l("join.channel", ["language": language, "number": "\($0)"]) }
                    ?? l("join.channel-unnumbered", ["language": language]), .normal
            ))
        let dial = d.dialIn(firstFor: data.me.delegation)
        for (i, number) in dial.prefix(Self.maxDialIns).enumerated() {
            lines.append(
                (
                    (i == 0 ? l("join.dial-in") : String(repeating: " ", count: TextWidth.of(l("join.dial-in"))))
                        + " \(number.country) \(number.number)", .normal
                ))
        }
        if dial.count > Self.maxDialIns {
            lines.append((l.plural("join.dial-more", dial.count - Self.maxDialIns), Style(.dim)))
        }
        if d.url != nil { lines.append((l("join.copied"), Style(.dim))) }
        return (lines, links)
    }
}
