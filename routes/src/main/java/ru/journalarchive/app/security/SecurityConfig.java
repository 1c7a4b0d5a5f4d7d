package ru.journalarchive.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Every endpoint is authenticated except the API description and health. A school's token may
 * push batches of its own school only; the administrator (HTTP basic) manages schools and tokens.
 */
@Configuration
public class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);

    @Bean
    SecurityFilterChain api(HttpSecurity http, SchoolRegistry registry, ProblemWriter problems) throws Exception {
        AuthorizationManager<RequestAuthorizationContext> ownSchool = (auth, context) ->
                new AuthorizationDecision(auth.get() instanceof SchoolTokenAuthentication t
                        && t.school().equals(context.getVariables().get("school")));
        return http
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new SchoolTokenFilter(registry, problems), BasicAuthenticationFilter.class)
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) ->
                        problems.unauthorized(res, "Неверное имя пользователя или пароль")))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.unauthorized(res,
                                "Нужен токен школы (Authorization: Bearer …) или вход администратора"))
                        .accessDeniedHandler((req, res, ex) -> problems.forbidden(res,
                                "Недостаточно прав: токен школы позволяет передавать данные только своей школы")))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**", "/actuator/health",
                                "/actuator/health/**", "/error").permitAll()
                        // A TSA answers anyone by protocol (RFC 3161 has no login); it sees only hashes.
                        .requestMatchers(HttpMethod.POST, "/api/v1/tsa").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/tsa/certificates").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/schools/{school}/batches").access(ownSchool)
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // Until directors and archivists have logins of their own, the administrator runs these.
                        .requestMatchers("/api/v1/archive-runs", "/api/v1/archive-runs/**",
                                "/api/v1/schools/{school}/signing-queue", "/api/v1/schools/{school}/signing-queue/**").hasRole("ADMIN")
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService administrators(JournalArchiveProperties properties) {
        var admin = properties.admin();
        if (admin.passwordHash() == null || admin.passwordHash().isBlank()) {
            log.warn("JA_ADMIN_PASSWORD_HASH is not set: the admin API refuses every login");
            return new InMemoryUserDetailsManager();
        }
        return new InMemoryUserDetailsManager(User.withUsername(admin.username()).password(admin.passwordHash())
                .roles("ADMIN").build());
    }
}
