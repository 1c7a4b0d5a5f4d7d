package ru.journalarchive.app.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Every endpoint is authenticated except the API description, health and the TSA. A school's token
 * may push batches of its own school only; people log in with HTTP basic and act by their role
 * ({@link Role}), a director only for their own school.
 */
@Configuration
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication // benchmarks run the service without a web server
public class SecurityConfig {


    @Bean
    SecurityFilterChain api(HttpSecurity http, SchoolRegistry registry, ProblemWriter problems) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> ownSchool = (auth, context) ->
                new AuthorizationDecision(auth.get() instanceof SchoolTokenAuthentication t
                        && t.school().equals(context.getVariables().get("school")));
        AuthorizationManager<RequestAuthorizationContext> directorOfSchool = (auth, context) ->
                new AuthorizationDecision(auth.get().getPrincipal() instanceof AppUsers.SchoolUser u && u.role() == Role.DIRECTOR
                        && u.school().equals(context.getVariables().get("school")));
        return http
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new SchoolTokenFilter(registry, problems), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) ->
                        problems.unauthorized(res, "Неверное имя пользователя или пароль")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthorized(res,
                                "Нужен вход (имя пользователя и пароль) или токен школы (Authorization: Bearer …)"))
                        .accessDeniedHandler((req, res, ex) -> problems.forbidden(res,
                                "Недостаточно прав для этого действия или документы другой школы")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/api/v1/docs", "/api/v1/docs/**",
                                "/api/v1/swagger-ui/**", "/actuator/health",
                                "/actuator/health/**", "/error").permitAll()
                        // A TSA answers anyone by protocol (RFC 3161 has no login); it sees only hashes.
                        .requestMatchers(HttpMethod.POST, "/api/v1/tsa").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/tsa/certificates").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/demo/root.pem").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/schools/{school}/batches").access(ownSchool)
                        .requestMatchers("/api/v1/schools/{school}/signing-queue", "/api/v1/schools/{school}/signing-queue/**")
                                .access(directorOfSchool)
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
