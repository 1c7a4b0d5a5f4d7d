package ru.journalarchive.app.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A school's journal system, known by its API token: may write its own school only. */
public class SchoolTokenAuthentication extends AbstractAuthenticationToken {

    private final String school;
    private final String label;

    public SchoolTokenAuthentication(String school, String label) {
        super(List.of(new SimpleGrantedAuthority("ROLE_SCHOOL_SYSTEM")));
        this.school = school;
        this.label = label;
        setAuthenticated(true);
    }

    public String school() {
        return school;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    /** The name recorded as actor of its batches: school and token label. */
    @Override
    public Object getPrincipal() {
        return school + "/" + label;
    }
}
