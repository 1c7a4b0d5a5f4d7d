package ru.journalarchive.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;
import ru.journalarchive.app.config.JournalArchiveProperties;
import ru.journalarchive.app.config.RunsConfig;

/**
 * The users and their password hashes (in PostgreSQL, plus the administrator from the environment),
 * their personal API tokens, the throttle of failed logins and the authentication audit.
 */
@Configuration
@EnableConfigurationProperties(AuthProperties.class)
public class UsersConfig {

    private static final Logger log = LoggerFactory.getLogger(UsersConfig.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    AppUsers appUsers(JdbcTemplate jdbc, PasswordEncoder encoder, JournalArchiveProperties properties,
                      RunsConfig.RunsSchemaMigration migrated) {
        var admin = properties.admin();
        if (admin.passwordHash() == null || admin.passwordHash().isBlank()) {
            log.warn("JA_ADMIN_PASSWORD_HASH is not set: only users created through the admin API can log in");
            return new AppUsers(jdbc, encoder, null);
        }
        return new AppUsers(jdbc, encoder, new AppUsers.User(admin.username(), admin.passwordHash(), Role.ADMIN, null,
                "Администратор", true));
    }

    @Bean
    AuthAudit authAudit(JdbcTemplate jdbc) {
        return new AuthAudit(jdbc);
    }

    @Bean
    PersonalTokens personalTokens(JdbcTemplate jdbc, TransactionTemplate transactions, AppUsers users, AuthAudit audit,
                                  AuthProperties properties) {
        return new PersonalTokens(jdbc, transactions, users, audit, properties.tokens());
    }

    @Bean
    LoginThrottle loginThrottle(JdbcTemplate jdbc, AuthProperties properties) {
        return new LoginThrottle(jdbc, properties.logins());
    }
}
