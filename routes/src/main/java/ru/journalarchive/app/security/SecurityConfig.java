package ru.journalarchive.app.security;

import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Every endpoint is authenticated except the API description, health and the TSA. A school's token
 * may push batches of its own school only; people use a personal token or, occasionally, HTTP basic
 * (a bcrypt per request, throttled after failures) and act by their role ({@link Role}), a director
 * only for their own school. A personal token may do all its user may, except issue tokens: a stolen
 * token must not outlive its own expiry or revocation through tokens it issued.
 */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication // benchmarks run the service without a web server
public class SecurityConfig {

    /** Request attribute: why access was denied, when a rule knows better than the general message. */
    private static final String DENIAL = SecurityConfig.class.getName() + ".denial";

    /** The director of the school named by the path's {school}: the API's and the pages' rule alike. */
    public static AuthorizationManager<RequestAuthorizationContext> directorOfSchool() {
        return (auth, context) -> new AuthorizationDecision(auth.get().getPrincipal() instanceof AppUsers.SchoolUser u
                && u.role() == Role.DIRECTOR && u.school().equals(context.getVariables().get("school")));
    }

    /** Username and password, for HTTP basic and the sign-in page alike: throttled and audited. */
    @Bean
    ThrottledLogins passwordLogins(AppUsers users, PasswordEncoder encoder, LoginThrottle throttle, AuthAudit audit) {
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        passwords.setHideUserNotFoundExceptions(false); // for the audit's reason; the answer is the same 401
        return new ThrottledLogins(passwords, throttle, audit);
    }

    /** The API: stateless, a token or HTTP basic on every request; the pages have their own chain (WebSecurityConfig). */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, SchoolRegistry registry, PersonalTokens tokens, ThrottledLogins logins,
                            AuthAudit audit, ProblemWriter problems) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> ownSchool = (auth, context) ->
                new AuthorizationDecision(auth.get() instanceof SchoolTokenAuthentication t
                        && t.school().equals(context.getVariables().get("school")));
        AuthorizationManager<RequestAuthorizationContext> passwordLogin = (auth, context) -> {
            boolean token = auth.get() instanceof PersonalTokenAuthentication;
            if (token) context.getRequest().setAttribute(DENIAL, "Новый токен выдаётся только после входа по паролю, не по токену");
            return new AuthorizationDecision(!token && auth.get().getPrincipal() instanceof AppUsers.SchoolUser);
        };
        return http
                .securityMatcher("/api/**", "/actuator/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(registry, tokens, audit, problems), BasicAuthenticationFilter.class)
                .authenticationManager(logins)
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) -> {
                    if (e instanceof LoginThrottledException t) problems.tooManyLogins(res, t.retryAfterSeconds());
                    else problems.unauthorized(res, "Неверное имя пользователя или пароль");
                }))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthorized(res,
                                "Нужен личный токен или токен школы (Authorization: Bearer …) либо вход по имени и паролю"))
                        .accessDeniedHandler((req, res, ex) -> problems.forbidden(res, Objects.requireNonNullElse(
                                (String) req.getAttribute(DENIAL), "Недостаточно прав для этого действия или документы другой школы"))))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs", "/api/v1/docs/**",
                                "/api/v1/swagger-ui/**", "/actuator/health",
                                "/actuator/health/**").permitAll()
                        // A TSA answers anyone by protocol (RFC 3161 has no login); it sees only hashes.
                        .requestMatchers(HttpMethod.POST, "/api/v1/tsa").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/tsa/certificates").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/demo/root.pem").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/schools/{school}/batches").access(ownSchool)
                        .requestMatchers("/api/v1/schools/{school}/signing-queue", "/api/v1/schools/{school}/signing-queue/**")
                                .access(directorOfSchool())
                        .requestMatchers(HttpMethod.POST, "/api/v1/me/tokens").access(passwordLogin)
                        .requestMatchers("/api/v1/me/**").hasAnyRole("DIRECTOR", "ARCHIVIST", "INSPECTOR", "ADMIN")
                        .requestMatchers(HttpMethod.POST, "/api/v1/admin/users/{username}/tokens")
                                .access(AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasRole("ADMIN"), passwordLogin))
                        .requestMatchers("/api/v1/admin/**", "/api/v1/archive-runs", "/api/v1/archive-runs/**",
                                "/actuator/prometheus").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.PUT, "/api/v1/documents/{id}/legal-hold").hasRole("ARCHIVIST")
                        .requestMatchers("/api/v1/disposal/**").hasRole("ARCHIVIST")
                        // Directors see their own school's documents only: the controllers check the school.
                        .requestMatchers(HttpMethod.GET, "/api/v1/documents", "/api/v1/documents/**")
                                .hasAnyRole("ARCHIVIST", "INSPECTOR", "DIRECTOR")
                        .requestMatchers(HttpMethod.POST, "/api/v1/verifications").hasAnyRole("INSPECTOR", "ARCHIVIST")
                        .anyRequest().denyAll())
                .build();
    }
}
