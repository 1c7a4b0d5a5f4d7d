package ru.journalarchive.app.admin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.journal.ingest.UnknownSchoolException;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Logins created, given a new password or disabled by the administrator, under one set of rules for the
 * API and the pages: a director belongs to a registered school, the other roles to none, and a disabled
 * person's open sessions end at once rather than when they idle out.
 */
@Component
public class Accounts {

    private final SchoolRegistry registry;
    private final AppUsers users;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    public Accounts(SchoolRegistry registry, AppUsers users, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.registry = registry;
        this.users = users;
        this.sessions = sessions;
    }

    /**
     * Creates the login or, when it exists, sets its password, role and name (and enables it again).
     *
     * @throws UnknownSchoolException a director of no registered school
     * @throws RejectedRequest a role that signs in with no password (journal systems)
     */
    public AppUsers.UserInfo add(AdminController.NewUser user) {
        if (user.role() == Role.DIRECTOR) registry.find(String.valueOf(user.school()))
                .orElseThrow(() -> new UnknownSchoolException(String.valueOf(user.school())));
        try {
            return users.add(user.username(), user.password(), user.role(), user.role() == Role.DIRECTOR ? user.school() : null,
                    user.fullName());
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest("role", "Роль не подходит: " + e.getMessage());
        }
    }

    /** @return whether a login of that name exists (and is disabled now) */
    public boolean disable(String username) {
        if (!users.disable(username)) return false;
        var repository = sessions.getIfAvailable();
        if (repository != null) repository.findByPrincipalName(username).keySet().forEach(repository::deleteById);
        return true;
    }
}
