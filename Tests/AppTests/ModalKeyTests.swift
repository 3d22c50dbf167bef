import AppCore
import MeetingModel
import Rendering
import TerminalInput
import Testing

/// Issue 17 §2: every key the help lists for forms, prompts, editing and questions does what its
/// line says (each binding of the modal tables is driven here, by its command).
@Suite struct ModalKeyTests {
    func form(_ keys: String...) -> AppState {
        var s = DeskTests().desk()
        Fixtures.type("n", into: &s)
        for k in keys { Fixtures.type(k, into: &s) }
        return s
    }

    func prompt(_ typed: String) -> AppState {
        var s = DeskTests().desk()
        Fixtures.type("f" + typed, into: &s)  // the delegation filter's prompt
        return s
    }

    @Test(arguments: KeyBindings.modal)
    func theKeyDoesWhatTheHelpSays(binding: KeyBinding) throws {
        for key in binding.keys {
            let k = HeadlessKey.text(key)
            switch binding.command {
            case .formNext: #expect(form(k).desk.form?.focus == 1)
            case .formPrevious: #expect(form("\t\t", k).desk.form?.focus == 1)
            case .formSubmit:
                #expect(form(k).desk.form?.focus == 1)
                var s = form(String(repeating: "\t", count: RegistrationForm.fields.count - 1))
                #expect(Fixtures.type(k, into: &s).contains { if case .desk(.add) = $0 { true } else { false } })
            case .formCancel:
                let s = form("Ana", k)
                #expect(s.desk.form == nil && s.shown == "nothing registered")
            case .formChoose:
                let tabs = String(repeating: "\t", count: RegistrationForm.roleField)
                #expect(form(tabs, k).desk.form?.values[RegistrationForm.roleField].text != "delegate")
            case .promptAccept:
                let s = prompt("RU" + k)
                #expect(s.prompt == nil && s.desk.delegation == "RU")
            case .promptCancel:
                let s = prompt("RU" + k)
                #expect(s.prompt == nil && s.desk.delegation == nil)
            case .promptComplete: #expect(prompt("R" + k).prompt?.field.text == "RU")
            case .editLeft:
                // ← then a letter: inserted before the last character; → back over it.
                let s = prompt("AB" + k + "X")
                #expect(s.prompt?.field.text == (key == .left ? "AXB" : "ABX"))
            case .editHome: #expect(prompt("AB" + k + "X").prompt?.field.text == "XAB")
            case .editEnd: #expect(prompt("AB" + HeadlessKey.text(.home) + k + "X").prompt?.field.text == "ABX")
            case .editDelete:
                let s = prompt("AB" + (key == .delete ? HeadlessKey.text(.left) : "") + k)
                #expect(s.prompt?.field.text == "A")
            case .editClear: #expect(prompt("AB" + k).prompt?.field.text == "")
            case .confirmYes:
                var s = BuilderTests.builder()
                Fixtures.type("P", into: &s)
                #expect(Fixtures.type(k, into: &s) == [.builder(.publish(meetingID: Fixtures.meeting.id))])
            case .confirmNo:
                var s = BuilderTests.builder()
                Fixtures.type("P", into: &s)
                #expect(Fixtures.type(k, into: &s).isEmpty && !s.builder.confirmingPublish)
            default:
                Issue.record("\(binding.name) is in the modal tables but not driven here")
            }
        }
    }
}

/// Keys as a terminal sends them.
enum HeadlessKey {
    static func text(_ key: Key) -> String {
        switch key {
        case .char(let c): String(c)
        case .ctrl(let c): String(UnicodeScalar(UInt8(c.asciiValue! & 0x1F)))
        case .enter: "\r"
        case .tab: "\t"
        case .backTab: "\u{1B}[Z"
        case .escape: "\u{1B}"
        case .up: "\u{1B}[A"
        case .down: "\u{1B}[B"
        case .right: "\u{1B}[C"
        case .left: "\u{1B}[D"
        case .home: "\u{1B}[H"
        case .end: "\u{1B}[F"
        case .backspace: "\u{7F}"
        case .delete: "\u{1B}[3~"
        default: ""
        }
    }
}
