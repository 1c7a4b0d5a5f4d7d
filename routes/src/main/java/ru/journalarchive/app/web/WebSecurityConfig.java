package ru.journalarchive.app.web;

import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import ru.journalarchive.app.security.LoginThrottledException;
import ru.journalarchive.app.security.SecurityConfig;
import ru.journalarchive.app.security.ThrottledLogins;

/**
 * The pages for people: a sign-in form and a session (kept in PostgreSQL by Spring Session), CSRF on
 * every form and fetch, and headers that keep personal data out of caches and frames. Everything
 * outside /api and /actuator comes here; the API keeps its own stateless chain.
 */
@Configuration
@ConditionalOnWebApplication
public class WebSecurityConfig implements WebMvcConfigurer {

    /** No inline scripts or styles; nothing from elsewhere; never in a frame. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private final WebProperties web;

    public WebSecurityConfig(WebProperties web) {
        this.web = web;
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ThrottledLogins logins) throws Exception {
        var paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher signing = paths.matcher("/schools/*/signing");
        // A PDF preview is no page: Chromium's viewer does not open under a page's policy.
        RequestMatcher pdf = paths.matcher("/schools/*/signing/documents/*/preview");
        return http
                .authenticationManager(logins)
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginThrottledException t ? "/login?throttled=" + t.retryAfterSeconds() : "/login?error"))))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").deleteCookies("JA_SESSION"))
                .sessionManagement(s -> s.invalidSessionUrl("/login?expired"))
                .headers(h -> h
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(signing,
                                new ContentSecurityPolicyHeaderWriter(signingPagePolicy())))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                new NegatedRequestMatcher(new OrRequestMatcher(signing, pdf)), new ContentSecurityPolicyHeaderWriter(POLICY)))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/vendor/**", "/favicon.ico", "/favicon.svg", "/error").permitAll()
                        .requestMatchers("/schools/{school}/signing", "/schools/{school}/signing/**")
                                .access(SecurityConfig.directorOfSchool())
                        .requestMatchers("/inspector", "/inspector/**").hasAnyRole("INSPECTOR", "ARCHIVIST")
                        .requestMatchers("/archive/disposal", "/archive/disposal/**").hasRole("ARCHIVIST")
                        .requestMatchers(HttpMethod.POST, "/archive/documents/*/legal-hold").hasRole("ARCHIVIST")
                        .requestMatchers("/archive", "/archive/**").hasAnyRole("ARCHIVIST", "INSPECTOR")
                        .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
                        .requestMatchers("/monitoring", "/monitoring/**").hasAnyRole("ADMIN", "INSPECTOR")
                        .requestMatchers("/").authenticated()
                        .anyRequest().denyAll())
                .build();
    }

    /**
     * The signing page also runs the CryptoPro plug-in's own script, which its loader takes from the
     * browser extension (chrome-extension: in Chromium and Яндекс Браузер, moz-extension: in Firefox),
     * and the loader itself when the deployer serves it from elsewhere.
     */
    String signingPagePolicy() {
        String loader = web.cadespluginOrigin() == null ? "" : " " + web.cadespluginOrigin();
        return POLICY.replace("script-src 'self'", "script-src 'self' chrome-extension: moz-extension:" + loader);
    }

    /** cadesplugin_api.js is CryptoPro's: the deployer puts it here (README), our sources do not carry it. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        Path vendor = web.vendorDirectory().toAbsolutePath();
        registry.addResourceHandler("/vendor/**").addResourceLocations(vendor.toUri().toString());
    }
}
