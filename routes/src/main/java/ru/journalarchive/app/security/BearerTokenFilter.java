package ru.journalarchive.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.journalarchive.app.security.AuthAudit.Outcome;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Authenticates {@code Authorization: Bearer <token>}: a person's token ({@value PersonalTokens#PREFIX}…)
 * as that person, any other as a school's journal system. An unknown, revoked or expired token is a 401 at once.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final SchoolRegistry schools;
    private final PersonalTokens people;
    private final AuthAudit audit;
    private final ProblemWriter problems;

    public BearerTokenFilter(SchoolRegistry schools, PersonalTokens people, AuthAudit audit, ProblemWriter problems) {
        this.schools = schools;
        this.people = people;
        this.audit = audit;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            Authentication authentication = token.startsWith(PersonalTokens.PREFIX) ? person(token, request, response)
                    : school(token, response);
            if (authentication == null) return;
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(authentication);
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }

    /** The token's user, or null once a refusal is answered and audited. */
    private Authentication person(String token, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var check = people.check(token);
        if (check.refusal() == null) return new PersonalTokenAuthentication(new AppUsers.SchoolUser(check.user()));
        audit.token(Outcome.TOKEN_REFUSED, check.username(), check.tokenId(), null, request.getRemoteAddr(), check.refusal().name());
        problems.unauthorized(response, check.refusal().message());
        return null;
    }

    private Authentication school(String token, HttpServletResponse response) throws IOException {
        var found = schools.authenticate(token);
        if (found.isPresent()) return new SchoolTokenAuthentication(found.get().schoolCode(), found.get().label());
        problems.unauthorized(response, "Токен недействителен или отозван");
        return null;
    }
}
