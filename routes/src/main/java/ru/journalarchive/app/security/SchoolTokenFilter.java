package ru.journalarchive.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import ru.journalarchive.journal.school.SchoolRegistry;

/** Authenticates {@code Authorization: Bearer <token>}; an unknown or revoked token is a 401 at once. */
public class SchoolTokenFilter extends OncePerRequestFilter {

    private final SchoolRegistry registry;
    private final ProblemWriter problems;

    public SchoolTokenFilter(SchoolRegistry registry, ProblemWriter problems) {
        this.registry = registry;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var token = registry.authenticate(header.substring(7).trim());
            if (token.isEmpty()) {
                problems.unauthorized(response, "Токен недействителен или отозван");
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new SchoolTokenAuthentication(token.get().schoolCode(), token.get().label()));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
