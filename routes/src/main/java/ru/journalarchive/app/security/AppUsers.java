package ru.journalarchive.app.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Users with their role and, for a director, their school, in PostgreSQL; passwords as BCrypt
 * hashes. The administrator from the environment (JA_ADMIN_PASSWORD_HASH) is always there too,
 * so a fresh installation can create the first users.
 */
public class AppUsers implements UserDetailsService {

    /** A logged-in person: the role decides what they may do, the school (directors only) where. */
    public record User(String username, String passwordHash, Role role, String school, String fullName, boolean enabled) {}

    public record UserInfo(String username, Role role, String school, String fullName, boolean enabled) {}

    private final JdbcTemplate jdbc;
    private final PasswordEncoder encoder;
    private final User administrator;

    public AppUsers(JdbcTemplate jdbc, PasswordEncoder encoder, User administrator) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.administrator = administrator;
    }

    public UserInfo add(String username, String password, Role role, String school, String fullName) {
        if (role == Role.SCHOOL_SYSTEM) throw new IllegalArgumentException("journal systems use school tokens, not logins");
        if ((role == Role.DIRECTOR) != (school != null))
            throw new IllegalArgumentException("a director belongs to exactly one school; other roles to none");
        jdbc.update("""
                INSERT INTO app_user (username, password_hash, role, school, full_name) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
                    school = excluded.school, full_name = excluded.full_name, enabled = true""",
                username, encoder.encode(password), role.name(), school, fullName);
        return new UserInfo(username, role, school, fullName, true);
    }

    public List<UserInfo> all() {
        return jdbc.query("SELECT * FROM app_user ORDER BY username", (rs, n) -> new UserInfo(rs.getString("username"),
                Role.valueOf(rs.getString("role")), rs.getString("school"), rs.getString("full_name"), rs.getBoolean("enabled")));
    }

    public boolean disable(String username) {
        return jdbc.update("UPDATE app_user SET enabled = false WHERE username = ?", username) == 1;
    }

    public Optional<User> find(String username) {
        if (isAdministrator(username)) return Optional.of(administrator);
        return jdbc.query("SELECT * FROM app_user WHERE username = ?", (rs, n) -> user(rs), username).stream().findFirst();
    }

    /**
     * The user named {@code username} from a row that joined app_user's columns (null there: no such user),
     * the administrator from the environment first, as in {@link #find}.
     */
    User joined(String username, ResultSet rs) throws SQLException {
        if (isAdministrator(username)) return administrator;
        return rs.getString("username") == null ? null : user(rs);
    }

    private boolean isAdministrator(String username) {
        return administrator != null && administrator.username().equals(username);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
                rs.getString("school"), rs.getString("full_name"), rs.getBoolean("enabled"));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var user = find(username).orElseThrow(() -> new UsernameNotFoundException(username));
        return new SchoolUser(user);
    }

    /**
     * Spring Security's view of a user, keeping the school for the ownership checks. Serializable for the
     * sessions kept in PostgreSQL: it carries the role, school and name, not the password hash.
     */
    public static final class SchoolUser extends org.springframework.security.core.userdetails.User {

        private static final long serialVersionUID = 1L;
        private final Role role;
        private final String school;
        private final String fullName;

        SchoolUser(User user) {
            super(user.username(), user.passwordHash(), user.enabled(), true, true, true,
                    List.of(new SimpleGrantedAuthority(user.role().authority())));
            this.role = user.role();
            this.school = user.school();
            this.fullName = user.fullName();
        }

        public Role role() {
            return role;
        }

        public String school() {
            return school;
        }

        public String fullName() {
            return fullName;
        }
    }
}
