package ru.journalarchive.app.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import ru.journalarchive.app.security.AuthAudit.Outcome;

/**
 * Username-and-password logins through the {@link LoginThrottle}: a throttled login is refused before
 * its bcrypt is checked; every failed and every throttled one is audited.
 */
public class ThrottledLogins implements AuthenticationManager {

    private final AuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuthAudit audit;

    public ThrottledLogins(AuthenticationProvider passwords, LoginThrottle throttle, AuthAudit audit) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String username = login.getName();
        String address = login.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : "";
        var state = throttle.check(username, address);
        if (state.throttled()) {
            audit.login(Outcome.LOGIN_THROTTLED, username, address, null);
            throw new LoginThrottledException(state.retryAfterSeconds());
        }
        try {
            var authenticated = passwords.authenticate(login);
            if (state.userHasFailures()) throttle.succeeded(username);
            // No password hash in a session kept in the database (ProviderManager would do this; this manager is ours).
            if (authenticated instanceof CredentialsContainer c) c.eraseCredentials();
            return authenticated;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            audit.login(Outcome.LOGIN_FAILED, username, address, e instanceof UsernameNotFoundException ? "unknown user"
                    : e instanceof DisabledException ? "disabled" : "wrong password");
            throw e;
        }
    }
}
