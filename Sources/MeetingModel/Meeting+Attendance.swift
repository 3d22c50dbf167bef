extension Meeting {
    /// The delegation with `code`, if any.
    public func delegation(_ code: String) -> Delegation? { delegations.first { $0.code == code } }

    /// The body with `id`, if any.
    public func body(_ id: String) -> WorkingBody? { bodies.first { $0.id == id } }

    /// The session with `id`, if any.
    public func session(_ id: String) -> Session? { sessions.first { $0.id == id } }

    /// Codes of the delegations a membership names, in meeting order, without duplicates.
    public func delegationCodes(in membership: Membership) -> [String] {
        switch membership {
        case .all:
            return delegations.filter { $0.kind != .guestOfChair }.map(\.code)
        case .allWithGuests:
            return delegations.map(\.code)
        case .delegations(let codes):
            let wanted = Set(codes)
            return delegations.map(\.code).filter(wanted.contains)
        }
    }

    /// Codes of the delegations expected at `session`, in meeting order.
    ///
    /// All-hands sessions (opening, closing, plenary) involve every Participant and Observer;
    /// a forum adds the Guests of the Chair; body and joint sessions involve the members of
    /// their bodies.
    public func attendees(of session: Session) -> [String] {
        if session.kind.isAllHands { return delegationCodes(in: .all) }
        var wanted = Set<String>()
        for id in session.bodies {
            guard let body = body(id) else { continue }
            wanted.formUnion(delegationCodes(in: body.members))
        }
        if session.kind == .forum {
            wanted.formUnion(delegations.filter { $0.kind == .guestOfChair }.map(\.code))
        }
        return delegations.map(\.code).filter(wanted.contains)
    }

    /// Whether delegate `d` sits in session `s`: all-hands sessions always; else the bodies and
    /// sessions they registered for, or when they named none, their delegation's attendance,
    /// which `delegationAttends` answers (a caller doing this for many delegates can tabulate it).
    public static func attends(_ d: Delegate, _ s: Session, delegationAttends: () -> Bool) -> Bool {
        let own = Set(d.attends)
        if own.isEmpty { return delegationAttends() }
        return s.kind.isAllHands || own.contains(s.id) || s.bodies.contains(where: own.contains)
    }

    /// Whether delegate `d` sits in session `s` (see `attends(_:_:delegationAttends:)`).
    public func attends(_ d: Delegate, _ s: Session) -> Bool {
        Meeting.attends(d, s) { attendees(of: s).contains(d.delegation) }
    }
}
