import Foundation
@testable import IntersessionCLI
import IntersessionTestSupport
import Localization
import Testing

/// The command line in the catalog languages: help, the argument parser's own phrases, messages,
/// reports and the diagnostics of files, chosen by --lang or the environment.
@Suite struct CommandLineLanguageTests {
    /// Every command and command group, as typed after `intersession`.
    static var commands: [[String]] {
        let leaves = CommandPermissions.table.keys.sorted().map { $0.split(separator: " ").map(String.init) }
        let groups = Set(leaves.filter { $0.count > 1 }.map { [$0[0]] })
        return [[]] + groups.sorted { $0[0] < $1[0] } + leaves
    }

    /// English words that a translated help text has no reason to contain once option names,
    /// value names, quoted words and command lines are set aside.
    static let english = try! NSRegularExpression(
        pattern: #"\b(the|and|with|must|Show|into|which|when|else|Only|only|this)\b"#)

    @Test(arguments: ["fr", "ru", "es"])
    func everyHelpPageIsInTheLanguage(language: String) throws {
        var leftovers: [String] = []
        // In-process (issue 16: the language is a value of the task, not fixed at first use),
        // every page at once; `theInProcessHelpIsTheBinarys` proves it the same as the binary's.
        for command in Self.commands {
            let page = IntersessionCommand.helpPage(for: command + ["--help"], language: language)
            #expect(!page.isEmpty, "\(command)")
            for line in page.split(separator: "\n").map(String.init) where !line.contains("intersession") {
                var text = line
                for pattern in [#"--?[a-z][a-z-]*"#, #"<[^>]*>"#, #"'[^']*'"#, #"«[^»]*»"#, #"\([a-z, |-]+\)"#] {
                    text = text.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
                }
                if Self.english.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil {
                    leftovers.append("\(command.joined(separator: " ")): \(line)")
                }
            }
        }
        #expect(leftovers == [], "English left in the \(language) help")
    }

    /// The help made in-process is what the binary prints, in each language, for a few pages;
    /// and languages asked at once by parallel tasks do not mix.
    @Test(arguments: ["en", "fr", "ru", "es"])
    func theInProcessHelpIsTheBinarys(language: String) throws {
        for command in [["delegates", "add"], ["programme"], ["sign-in"]] {
            let binary = try Executable.run(command + ["--help", "--lang", language])
            #expect(binary.status == 0)
            let page = IntersessionCommand.helpPage(for: command + ["--help"], language: language)
            #expect(page + "\n" == binary.stdout, "\(command) in \(language)")
        }
    }

    @Test func langIsTakenOutBeforeParsingAndWinsOverTheEnvironment() {
        let env = ["LANG": "ru_RU.UTF-8", "LC_MESSAGES": "es_ES.UTF-8"]
        #expect(
            CLILanguage.choose(arguments: ["check", "--lang", "fr", "a.yaml", "--", "--lang", "ru"], environment: env)
                == .chosen(arguments: ["check", "a.yaml", "--", "--lang", "ru"]))
        #expect(CLILanguage.current.language == "fr" && CLILanguage.flag == "fr")
        #expect(
            CLILanguage.choose(arguments: ["--lang=ru", "zones"], environment: [:]) == .chosen(arguments: ["zones"])
                && CLILanguage.current.language == "ru")
        // Without the flag, LC_MESSAGES comes before LANG (POSIX order); nothing was given.
        #expect(CLILanguage.choose(arguments: ["plan"], environment: env) == .chosen(arguments: ["plan"]))
        #expect(CLILanguage.current.language == "es" && CLILanguage.flag == nil)
        #expect(
            CLILanguage.choose(arguments: ["plan", "--lang", "de"], environment: env)
                == .refused("--lang es uno de en, fr, ru, es (no «de»)"))
        #expect(
            CLILanguage.choose(arguments: ["plan", "--lang"], environment: [:])
                == .refused("--lang needs a language: en, fr, ru, es"))
        #expect(CLILanguage.current == .english)  // the process's language is left as it was
    }

    @Test func theHelpAndTheParsersPhrasesFollowTheLanguage() throws {
        let fr = try Executable.run(["--help"], environment: ["LC_ALL": "fr_FR.UTF-8"])
        #expect(fr.stdout.hasPrefix("APERÇU : Mener une réunion intergouvernementale virtuelle"), "\(fr.stdout)")
        #expect(
            fr.stdout.contains("\nUTILISATION : intersession <subcommand>\n")
                && fr.stdout.contains("\nSOUS-COMMANDES :\n"))
        #expect(fr.stdout.contains("  -h, --help              Afficher l’aide."))
        // --lang wins over the environment, wherever it stands.
        let ru = try Executable.run(
            ["export", "--lang", "ru", "programme", "--help"].filter { $0 != "--lang" && $0 != "ru" } + [
                "--lang", "ru",
            ], environment: ["LANG": "es_ES.UTF-8"])
        #expect(
            ru.stdout.contains("\nПАРАМЕТРЫ:\n")
                && ru.stdout.contains("  --lang <code>           Язык сообщений и вывода: en, fr, ru или es"),
            "\(ru.stdout)")
        #expect(ru.stdout.contains("text, markdown или html. (по умолчанию: text)"))
        let en = try Executable.run(["export", "programme", "--help"])
        #expect(en.stdout.contains("\nOPTIONS:\n") && en.stdout.contains("text, markdown or html. (default: text)"))
        // The parser's refusals, with the usage line and the way to more help.
        let es = try Executable.run(["zones", "--lang", "es"])
        #expect(es.status == 64)
        #expect(
            es.stderr.hasPrefix(
                "Error: Falta el argumento «<agenda>»\nAyuda:  <agenda>  El archivo del orden del día.\nUso: intersession zones <agenda>"
            ), "\(es.stderr)")
        #expect(es.stderr.hasSuffix("  Véase «intersession zones --help» para más información.\n"))
        let unknown = try Executable.run(["check", Repository.sampleAgenda, "--colour", "--lang", "fr"])
        #expect(
            unknown.status == 64 && unknown.stderr.hasPrefix("Erreur : Option inconnue « --colour »"),
            "\(unknown.stderr)")
        // Our own validation, in the language; an unknown language is refused in the environment's.
        let step = try Executable.run([
            "zones", Repository.sampleAgenda, "--overlap", "--day", "2021-06-21", "--step", "7", "--lang", "ru",
        ])
        #expect(
            step.status == 64
                && step.stderr.hasPrefix("Ошибка: --step должен делить сутки (5, 10, 15, 30, 60, …), а не 7\n"),
            "\(step.stderr)")
        let xx = try Executable.run(["check", Repository.sampleAgenda, "--lang", "xx"])
        #expect(xx.status == 64 && xx.stderr == "Error: --lang is one of en, fr, ru, es (not 'xx')\n", "\(xx.stderr)")
        let missing = try Executable.run(
            ["check", Repository.sampleAgenda, "--lang"], environment: ["LC_ALL": "es_ES.UTF-8"])
        #expect(
            missing.status == 64 && missing.stderr == "Error: --lang necesita un idioma: en, fr, ru, es\n",
            "\(missing.stderr)")
        // --lang also after a command group and `help`.
        let help = try Executable.run(["help", "check", "--lang", "ru"])
        #expect(
            help.status == 0
                && help.stdout.hasPrefix("ОБЗОР: Проверить файлы повестки, списков делегаций и программы."),
            "\(help.stdout)")
        let group = try Executable.run(["delegates", "--lang", "fr"])
        #expect(
            group.stdout.hasPrefix("APERÇU : Inscrire, lister, modifier, approuver, rejeter et retirer des"),
            "\(group.stdout)")
    }

    @Test func fileDiagnosticsKeepTheirPlaceAndSayTheProblemInTheLanguage() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let agenda = dir.appendingPathComponent("a.yaml")
        try """
        meeting:
          id: Bad_ID
          title: T
          host_zone: Europe/Moskow
          first_day: 2021-06-21
          last_day: 2021-06-25
          languages: [en, fr]
          colour: red
        sessions:
          - id: S1
            title: X
            kind: bodi
            minutes: 60

        """.write(to: agenda, atomically: true, encoding: .utf8)
        let path = agenda.path
        let expected: [String: [String]] = [
            "en": [
                "\(path):2:7: error: meeting id 'Bad_ID' must be lowercase letters, digits and '-'",
                "\(path):4:14: error: unknown time zone 'Europe/Moskow' for the host; did you mean 'Europe/Moscow' or 'Europe/Oslo'?",
                "\(path):8:3: error: unknown key 'colour' in 'meeting'; known keys: id, title, host_zone, first_day, last_day, languages, grid_minutes, daily_window_utc, max_parallel, comfort, join_release, quorum, note",
                "\(path):12:11: error: kind 'bodi' of session 'S1' is not one of: opening, closing, plenary, body, joint, forum",
                "\(path): 4 errors",
            ],
            "fr": [
                "\(path):2:7: error: l’identifiant de réunion « Bad_ID » ne doit contenir que des minuscules, des chiffres et « - »",
                "\(path):4:14: error: fuseau inconnu « Europe/Moskow » pour l’hôte ; vouliez-vous dire 'Europe/Moscow' ou 'Europe/Oslo' ?",
                "\(path):8:3: error: clé inconnue « colour » dans 'meeting' ; clés connues : id, title, host_zone, first_day, last_day, languages, grid_minutes, daily_window_utc, max_parallel, comfort, join_release, quorum, note",
                "\(path):12:11: error: le genre « bodi » de la séance « S1 » n’est pas l’un de : opening, closing, plenary, body, joint, forum",
                "\(path) : 4 erreurs",
            ],
            "ru": [
                "\(path):2:7: error: идентификатор совещания «Bad_ID» может содержать только строчные латинские буквы, цифры и «-»",
                "\(path):4:14: error: неизвестный часовой пояс «Europe/Moskow» в указании пояса принимающей стороны; может быть, 'Europe/Moscow' или 'Europe/Oslo'?",
                "\(path):8:3: error: неизвестный ключ «colour» в 'meeting'; известные ключи: id, title, host_zone, first_day, last_day, languages, grid_minutes, daily_window_utc, max_parallel, comfort, join_release, quorum, note",
                "\(path):12:11: error: вид «bodi» в заседании «S1» — не одно из: opening, closing, plenary, body, joint, forum",
                "\(path): 4 ошибки",
            ],
        ]
        for (language, lines) in expected {
            let r = try Executable.run(
                ["check", path], environment: ["LC_ALL": language == "en" ? "C.UTF-8" : "\(language)_XX.UTF-8"])
            #expect(r.status == 1)
            #expect(r.stderr.split(separator: "\n").map(String.init) == lines, "\(language)")
        }
        // Loading an agenda for another command says the same, in the language.
        let plan = try Executable.run(["plan", path, "--lang", "es"])
        #expect(
            plan.status == 1 && plan.stderr.contains("error: el tipo «bodi» de la sesión «S1» no es uno de:")
                && plan.stderr.hasSuffix(
                    "\(path): el orden del día tiene errores; ejecute «intersession check \(path)»\n"),
            "\(plan.stderr)")
    }

    @Test func registrationMessagesAndTheStoresRefusalsFollowTheLanguage() throws {
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["INTERSESSION_DB": dir.appendingPathComponent("i.sqlite").path]
        func run(_ args: [String], _ language: String) throws -> CommandResult {
            try Executable.run(args + ["--lang", language], environment: env)
        }
        let imported = try run(["meeting", "import", Repository.sampleAgenda], "fr")
        #expect(
            imported.stdout == "kp-2021-intersessional : importée dans \(env["INTERSESSION_DB"]!)\n",
            "\(imported.stdout)")
        // A CSV list with a bad row and a row of an unknown delegation: every row, nothing written.
        let csv = dir.appendingPathComponent("list.csv")
        try "Prénom,Nom,Courriel,Délégation\nAmina,Diallo,pas-une-adresse,GH\nLi,Wei,li@example.org,ZZ\n".write(
            to: csv, atomically: true, encoding: .utf8)
        let ru = try run(["delegates", "import", csv.path], "ru")
        #expect(ru.status == 1)
        #expect(
            ru.stderr == """
                \(csv.path):2: Courriel [email]: «pas-une-adresse» — не адрес (имя@домен)
                \(csv.path):3: Délégation [delegation]: «ZZ» не является делегацией kp-2021-intersessional
                \(csv.path): 2 проблемы; ничего не записано (исправьте строки и импортируйте снова)

                """, "\(ru.stderr)")
        #expect(try run(["delegates", "list", "--format", "csv"], "en").stdout.split(separator: "\n").count == 1)
        // Registered, approved, and a refusal of the store worded in Spanish.
        let added = try run(
            [
                "delegates", "add", "--delegation", "GH", "--given", "Amina", "--family", "Diallo", "--email",
                "amina@mfa.gov.gh",
            ], "es")
        #expect(added.stdout == "delegado 1: Amina Diallo (GH), presentada\n", "\(added.stdout)")
        let twice = try run(
            ["delegates", "add", "--delegation", "GH", "--given", "A", "--email", "AMINA@mfa.gov.gh"], "es")
        #expect(
            twice.status == 1
                && twice.stderr
                    == "Error: el correo AMINA@mfa.gov.gh ya está inscrito para el delegado 1 (Amina Diallo); un correo por delegado\n",
            "\(twice.stderr)")
        let approve = try run(["delegates", "approve", "1", "7"], "fr")
        #expect(approve.status == 1 && approve.stdout == "délégué 1 : approuvée\n")
        #expect(
            approve.stderr
                == "délégué 7 : pas de délégué d’identifiant 7 dans cette réunion ; « intersession delegates list » montre les identifiants\n",
            "\(approve.stderr)")
        let show = try run(["delegates", "show", "1"], "ru")
        #expect(
            show.stdout.contains("\nфункция        делегат\n") && show.stdout.contains("\nстатус         одобрена\n"),
            "\(show.stdout)")
    }

    @Test func reportsAndFeasibilityReasonsFollowTheLanguage() throws {
        let plan = try Executable.run(["plan", Repository.sampleAgenda, "--iterations", "3000", "--lang", "es"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(
            plan.stdout.hasPrefix("Programa para kp-2021-intersessional (Europe/Moscow): semilla 1, 3000 pasos en "),
            "\(plan.stdout.prefix(200))")
        #expect(
            plan.stdout.contains("(parada: límite de pasos)")
                && plan.stdout.contains("\nPuntuación: 0 estricta (minutos de infracción), "))
        #expect(plan.stdout.contains("\nDelegaciones con más carga:\n") && plan.stdout.contains(" puntos de carga "))
        // An agenda that cannot have a programme says why in the language.
        let dir = try Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tight = dir.appendingPathComponent("tight.yaml")
        try """
        meeting:
          id: tight
          title: Tight
          host_zone: UTC
          first_day: 2021-06-21
          last_day: 2021-06-21
          languages: [en]
          daily_window_utc: "10:00-12:00"
        delegations:
          - {code: GH, name: Ghana, zone: Africa/Accra}
        bodies:
          - {id: B, name: Body, members: all}
        sessions:
          - {id: S1, title: One, kind: body, body: B, minutes: 90}
          - {id: S2, title: Two, kind: body, body: B, minutes: 90}

        """.write(to: tight, atomically: true, encoding: .utf8)
        let ru = try Executable.run(["plan", tight.path, "--lang", "ru"])
        #expect(ru.status == 2)
        #expect(
            ru.stderr.hasPrefix(
                "\(tight.path): ни одна программа не может соблюсти жёсткие ограничения:\n  - заседаниям нужно 180 зало-минут, а 1 зал × 1 день × 120 минут суточного окна дают 120;"
            ), "\(ru.stderr)")
    }
}
