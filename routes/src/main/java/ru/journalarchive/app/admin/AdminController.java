package ru.journalarchive.app.admin;

import io.swagger.v3.oas.annotations.Operation;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.journal.ingest.UnknownSchoolException;
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;

/** Schools and their journal systems' tokens, for the administrator. */
@io.swagger.v3.oas.annotations.tags.Tag(name = "Администрирование")
@RestController
@RequestMapping("/api/v1/admin")
@SecurityRequirement(name = "login")
public class AdminController {

    // The rules of the administrator's forms as well (web/admin): one message per broken rule, written for a person.
    public record NewSchool(@NotNull(message = "Укажите код школы") @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}",
            message = "Код школы: латинские строчные буквы, цифры и дефис (не первым), до 40 символов") String code,
                            @NotBlank(message = "Укажите название школы")
                            @Size(max = 500, message = "Название школы — не длиннее 500 символов") String name) {}

    public record NewToken(@NotBlank(message = "Укажите название токена: какая система и где им пользуется")
                           @Size(max = 200, message = "Название токена — не длиннее 200 символов") String label) {}

    /** school: for a director only. */
    public record NewUser(@NotNull(message = "Укажите логин") @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}",
                                  message = "Логин: латинские буквы, цифры и . _ @ -, до 100 символов") String username,
                          @NotNull(message = "Укажите пароль")
                          @Size(min = 12, max = 200, message = "Пароль — не короче 12 и не длиннее 200 символов") String password,
                          @NotNull(message = "Выберите роль") Role role, String school,
                          @NotBlank(message = "Укажите фамилию, имя и отчество")
                          @Size(max = 300, message = "ФИО — не длиннее 300 символов") String fullName) {}

    private final SchoolRegistry registry;
    private final AppUsers users;
    private final Accounts accounts;

    public AdminController(SchoolRegistry registry, AppUsers users, Accounts accounts) {
        this.registry = registry;
        this.users = users;
        this.accounts = accounts;
    }

    @Operation(summary = "Создать пользователя (директор школы, архивист, проверяющий, администратор) или сменить ему пароль")
    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    public AppUsers.UserInfo addUser(@Valid @RequestBody NewUser user) {
        return accounts.add(user);
    }

    @Operation(summary = "Пользователи")
    @GetMapping("/users")
    public List<AppUsers.UserInfo> users() {
        return users.all();
    }

    @Operation(summary = "Заблокировать пользователя")
    @DeleteMapping("/users/{username}")
    public ResponseEntity<Void> disable(@PathVariable String username) {
        return accounts.disable(username) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    @Operation(summary = "Зарегистрировать школу (или переименовать)")
    @PostMapping("/schools")
    @ResponseStatus(HttpStatus.CREATED)
    public School register(@Valid @RequestBody NewSchool school) {
        return registry.register(school.code(), school.name());
    }

    @Operation(summary = "Список школ")
    @GetMapping("/schools")
    public List<School> schools() {
        return registry.all();
    }

    @Operation(summary = "Выдать токен журнальной системе школы", description = "Токен показывается один раз; хранится только его хеш.")
    @PostMapping("/schools/{school}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public SchoolRegistry.IssuedToken issue(@PathVariable String school, @Valid @RequestBody NewToken token) {
        registry.find(school).orElseThrow(() -> new UnknownSchoolException(school));
        return registry.issueToken(school, token.label());
    }

    @Operation(summary = "Токены школы")
    @GetMapping("/schools/{school}/tokens")
    public List<SchoolRegistry.TokenInfo> tokens(@PathVariable String school) {
        registry.find(school).orElseThrow(() -> new UnknownSchoolException(school));
        return registry.tokens(school);
    }

    @Operation(summary = "Отозвать токен")
    @DeleteMapping("/tokens/{id}")
    public ResponseEntity<Void> revoke(@PathVariable long id) {
        return registry.revokeToken(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }
}
