public import ArgumentParser
import Foundation
import IsogapDiagnostics
import IsogapLoading
public import IsogapModel

extension ActionType: ExpressibleByArgument {}

extension Actions {
    /// `isogap actions add --title … [DIR]`: a new action at the end of the register.
    struct Add: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an open action to actions.yaml, numbered after the last CA-NNN; nothing else changes.")

        @Option(help: "What the action does.")
        var title: String

        @Option(
            name: .customLong("requirement"),
            help: "A requirement the action addresses, checklist-id:requirement-id (repeat for several).")
        var requirements: [String] = []

        @Option(help: "correction, corrective, preventive or improvement.")
        var type: ActionType = .corrective

        @Option(name: .customLong("owner-role"), help: "The role that owns the action (a role id of the workspace).")
        var ownerRole: String

        @Option(help: "The person who owns the action.")
        var owner: String?

        @Option(help: "The due date, YYYY-MM-DD.")
        var due: CalendarDate

        @Option(help: "The date the action was opened, YYYY-MM-DD (default: today).")
        var opened: CalendarDate?

        @Option(
            name: .customLong("raises-to"), help: "The level the requirements should reach once the action is done.")
        var raisesTo: Int?

        @Option(name: .customLong("effort-days"), help: "The effort in person-days.")
        var effortDays: Double?

        @Option(name: .customLong("root-cause"), help: "The root cause the action removes.")
        var rootCause: String?

        @Option(help: "Who raised the action (for its first history entry).")
        var by: String?

        @OptionGroup var workspace: WorkspaceArgument

        func validate() throws {
            if title.allSatisfy(\.isWhitespace) { throw ValidationError("--title must not be empty") }
            if requirements.isEmpty {
                throw ValidationError("give at least one --requirement checklist-id:requirement-id")
            }
            for requirement in requirements where CrossReference(requirement) == nil {
                throw ValidationError("--requirement '\(requirement)' is not written checklist-id:requirement-id")
            }
            if let effortDays, !(effortDays > 0 && effortDays <= 100_000) {
                throw ValidationError("--effort-days must be more than 0 and at most 100000")
            }
        }

        func run(in command: CommandContext) throws {
            let console = command.console
            let context = try WorkspaceContext.load(workspace.directory, context: command)
            let files = DiskFiles(folder: workspace.directory, in: command)
            let roles = context.workspace.roles.map(\.id)
            if let message = ActionRegister.unknownRoleMessage(ownerRole, roles: roles) {
                throw console.fail("\(message)", ExitStatus.dataError)
            }
            let day = opened ?? command.today
            var added: Action?
            try ActionRegisterFile.update(
                in: files, console: console,
                missing: Array("isogap: 1\nkind: actions\nactions: []\n".utf8)
            ) { register, bytes in
                let action = Action(
                    id: register.nextActionID, title: title, requirements: requirements.compactMap(CrossReference.init),
                    type: type, rootCause: rootCause, ownerRole: ownerRole, owner: owner, opened: day, due: due,
                    status: .open, raisesTo: raisesTo, effortDays: effortDays,
                    history: [HistoryEntry(date: day, status: .open, by: by)])
                let changed = ActionRegister(actions: register.actions + [action])
                try ActionArguments.check(
                    changed, index: register.actions.count, workspace: context.workspace, console: console)
                added = action
                return try ActionRegisterEditor.append([action], to: bytes)
            }
            if let added { console.out("\(added.id): added, due \(added.due)") }
        }
    }

    /// `isogap actions edit ID [--due …] [DIR]`: an action's planning fields.
    struct Edit: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change an action's title, due date, owner, owner role or raises_to; nothing else changes.")

        @Argument(help: "The action id, such as CA-004.")
        var id: String

        @Option(help: "The new title.")
        var title: String?

        @Option(help: "The new due date, YYYY-MM-DD.")
        var due: CalendarDate?

        @Option(help: "The new owner (a person).")
        var owner: String?

        @Option(name: .customLong("owner-role"), help: "The new owner role (a role id of the workspace).")
        var ownerRole: String?

        @Option(name: .customLong("raises-to"), help: "The new level the requirements should reach.")
        var raisesTo: Int?

        @OptionGroup var workspace: WorkspaceArgument

        func validate() throws {
            if title == nil, due == nil, owner == nil, ownerRole == nil, raisesTo == nil {
                throw ValidationError("nothing to change: give --title, --due, --owner, --owner-role or --raises-to")
            }
            if let title, title.allSatisfy(\.isWhitespace) { throw ValidationError("--title must not be empty") }
        }

        func run(in command: CommandContext) throws {
            let console = command.console
            try ActionArguments.checkOrder(
                id: id, directory: workspace.directory, command: "edit \(workspace.directory) ...", context: command)
            let context = try WorkspaceContext.load(workspace.directory, context: command)
            let files = DiskFiles(folder: workspace.directory, in: command)
            let path = files.displayPath(WorkspaceLoader.actionsFile)
            if let ownerRole,
                let message = ActionRegister.unknownRoleMessage(ownerRole, roles: context.workspace.roles.map(\.id))
            {
                throw console.fail("\(message)", ExitStatus.dataError)
            }
            let change = ActionChange(title: title, due: due, owner: owner, ownerRole: ownerRole, raisesTo: raisesTo)
            try ActionRegisterFile.update(in: files, console: console) {
                register, bytes in
                let action = try ActionArguments.action(id, in: register, path: path, console: console)
                guard let index = register.actions.firstIndex(of: action) else { return bytes }
                var changed = register
                changed.actions[index] = change.applied(to: action)
                try ActionArguments.check(changed, index: index, workspace: context.workspace, console: console)
                return try ActionRegisterEditor.update(id, with: change, in: bytes)
            }
            console.out("\(id): changed")
        }
    }
}

extension ActionArguments {
    /// Refuses a changed register whose action at `index` breaks a rule of the workspace.
    static func check(_ register: ActionRegister, index: Int, workspace: Workspace, console: Console) throws {
        let errors = register.errors(
            inActionAt: index, checklists: workspace.checklists, roles: workspace.roles.map(\.id))
        guard errors.isEmpty else {
            for error in errors.dropLast() { console.emit(.error(error, at: nil)) }
            throw console.fail(errors[errors.count - 1], ExitStatus.dataError)
        }
    }
}
