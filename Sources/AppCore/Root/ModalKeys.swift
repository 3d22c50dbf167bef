import TerminalInput

// The keys of the modal parts (forms, prompts, questions), listed in the help with the screens'
// own keys (issue 17 §2). The handlers look their keys up here, so what the help lists is what
// runs; the tests drive every binding through the reducer and check it does what its line says.

extension KeyContext {
    /// The contexts of modal parts, in the order the help lists them.
    public static let modal: [KeyContext] = [.form, .prompt, .editing, .confirm]
}

extension KeyBindings {
    /// Forms (the desk's registration form, the sign-in, the password change).
    public static let form: [KeyBinding] = [
        KeyBinding(command: .formNext, keys: [.tab, .down], help: "next field", context: .form),
        KeyBinding(command: .formPrevious, keys: [.backTab, .up], help: "previous field", context: .form),
        KeyBinding(
            command: .formSubmit, keys: [.enter], help: "next field; on the last one, register or save",
            context: .form),
        KeyBinding(command: .formCancel, keys: [.escape], help: "cancel: nothing is written", context: .form),
        KeyBinding(
            command: .formChoose, keys: [.left, .right, .char(" ")], help: "a choice field (the role): the next choice",
            context: .form),
    ]

    /// One-line prompts at the bottom (search, zone, delegation, command, file, reason).
    public static let prompt: [KeyBinding] = [
        KeyBinding(command: .promptAccept, keys: [.enter], help: "accept what is typed", context: .prompt),
        KeyBinding(command: .promptCancel, keys: [.escape], help: "cancel (a search is cleared)", context: .prompt),
        KeyBinding(command: .promptComplete, keys: [.tab], help: "take the first completion shown", context: .prompt),
    ]

    /// Editing the text of a field or a prompt.
    public static let editing: [KeyBinding] = [
        KeyBinding(command: .editLeft, keys: [.left, .right], help: "move in the text", context: .editing),
        KeyBinding(command: .editHome, keys: [.home, .ctrl("a")], help: "to the start", context: .editing),
        KeyBinding(command: .editEnd, keys: [.end, .ctrl("e")], help: "to the end", context: .editing),
        KeyBinding(
            command: .editDelete, keys: [.backspace, .delete], help: "delete before / after the cursor",
            context: .editing),
        KeyBinding(command: .editClear, keys: [.ctrl("u")], help: "delete to the start", context: .editing),
    ]

    /// Questions and what is shown once.
    public static let confirm: [KeyBinding] = [
        KeyBinding(
            command: .confirmYes, keys: [.char("y")],
            help: "yes: publish, import the list previewed, reload a record changed meanwhile", context: .confirm),
        KeyBinding(
            command: .confirmNo, keys: [.escape], help: "no (any other key too); a token shown once is then gone",
            context: .confirm),
    ]

    public static let modal: [KeyBinding] = form + prompt + editing + confirm

    /// The command `key` runs in `table` (nil: none; the caller edits text with it, say).
    public static func command(for key: Key, in table: [KeyBinding]) -> Command? {
        table.first { $0.keys.contains(key) }?.command
    }
}
