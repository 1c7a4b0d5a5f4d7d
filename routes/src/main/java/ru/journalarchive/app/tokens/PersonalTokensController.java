package ru.journalarchive.app.tokens;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.ResourceNotFound;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.PersonalTokens;

/**
 * Personal API tokens: a person issues, lists and revokes their own; the administrator those of any
 * user. The secret is in the answer to the issue only.
 */
@RestController
@SecurityRequirement(name = "login")
public class PersonalTokensController {

    /** expiresAt: null for the default lifetime. */
    public record NewToken(@NotBlank(message = "укажите назначение токена") @Size(max = 200) String label, Instant expiresAt) {}

    private final PersonalTokens tokens;
    private final AppUsers users;

    public PersonalTokensController(PersonalTokens tokens, AppUsers users) {
        this.tokens = tokens;
        this.users = users;
    }

    @Operation(summary = "Выдать себе личный токен API", description = "Только после входа по паролю. Токен показывается один раз; "
            + "хранится только его хеш SHA-256. Передавайте его как Authorization: Bearer jau_…")
    @PostMapping("/api/v1/me/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public PersonalTokens.Issued issueOwn(@Valid @RequestBody NewToken token, Authentication who, HttpServletRequest request) {
        return tokens.issue(who.getName(), token.label(), token.expiresAt(), who.getName(), request.getRemoteAddr());
    }

    @Operation(summary = "Мои личные токены (без секретов)")
    @GetMapping("/api/v1/me/tokens")
    public List<PersonalTokens.TokenInfo> own(Authentication who) {
        return tokens.list(who.getName());
    }

    @Operation(summary = "Отозвать свой личный токен")
    @DeleteMapping("/api/v1/me/tokens/{id}")
    public ResponseEntity<Void> revokeOwn(@PathVariable long id, Authentication who, HttpServletRequest request) {
        return revoke(who.getName(), id, who, request);
    }

    @Operation(summary = "Выдать личный токен пользователю", description = "Только после входа по паролю; токен показывается один раз.")
    @PostMapping("/api/v1/admin/users/{username}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public PersonalTokens.Issued issue(@PathVariable String username, @Valid @RequestBody NewToken token, Authentication who,
                                       HttpServletRequest request) {
        if (!existing(username).enabled()) throw new RejectedRequest("username", "Пользователь заблокирован: токен не выдан");
        return tokens.issue(username, token.label(), token.expiresAt(), who.getName(), request.getRemoteAddr());
    }

    @Operation(summary = "Личные токены пользователя (без секретов)")
    @GetMapping("/api/v1/admin/users/{username}/tokens")
    public List<PersonalTokens.TokenInfo> tokens(@PathVariable String username) {
        existing(username);
        return tokens.list(username);
    }

    @Operation(summary = "Отозвать личный токен пользователя")
    @DeleteMapping("/api/v1/admin/users/{username}/tokens/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String username, @PathVariable long id, Authentication who,
                                       HttpServletRequest request) {
        if (!tokens.revoke(id, username, who.getName(), request.getRemoteAddr()))
            throw new ResourceNotFound("id", "У пользователя нет действующего токена с таким номером");
        return ResponseEntity.noContent().build();
    }

    private AppUsers.User existing(String username) {
        return users.find(username).orElseThrow(() -> new ResourceNotFound("username", "Пользователь не найден"));
    }
}
