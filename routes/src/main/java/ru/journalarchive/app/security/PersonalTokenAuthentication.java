package ru.journalarchive.app.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A person known by one of their API tokens: the same principal, role and school as their password login gives. */
public class PersonalTokenAuthentication extends AbstractAuthenticationToken {

    private final AppUsers.SchoolUser user;

    public PersonalTokenAuthentication(AppUsers.SchoolUser user) {
        super(user.getAuthorities());
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public AppUsers.SchoolUser getPrincipal() {
        return user;
    }
}
