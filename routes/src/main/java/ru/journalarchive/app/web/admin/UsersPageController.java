package ru.journalarchive.app.web.admin;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import ru.journalarchive.app.RejectedRequest;
import ru.journalarchive.app.admin.Accounts;
import ru.journalarchive.app.admin.AdminController.NewUser;
import ru.journalarchive.app.security.AppUsers;
import ru.journalarchive.app.security.Role;
import ru.journalarchive.app.web.start.StartActions;
import ru.journalarchive.journal.ingest.UnknownSchoolException;
import ru.journalarchive.journal.school.SchoolRegistry;

/** People and their roles: create, reset a password (which enables a disabled login again), disable; the API's rules. */
@Controller
@RequestMapping("/admin/users")
public class UsersPageController {

    public record RoleChoice(Role role, String title) {}

    public record UserRow(String username, String fullName, String role, String school, boolean enabled) {}

    /** The roles a person can have: journal systems sign in with school tokens, not passwords. */
    static final List<RoleChoice> ROLES = List.of(Role.DIRECTOR, Role.ARCHIVIST, Role.INSPECTOR, Role.ADMIN).stream()
            .map(r -> new RoleChoice(r, StartActions.roleTitle(r))).toList();

    private final AppUsers users;
    private final Accounts accounts;
    private final SchoolRegistry schools;
    private final Validator validator;

    public UsersPageController(AppUsers users, Accounts accounts, SchoolRegistry schools, Validator validator) {
        this.users = users;
        this.accounts = accounts;
        this.schools = schools;
        this.validator = validator;
    }

    @GetMapping
    public String users(Model model) {
        model.addAttribute("users", users.all().stream().map(u -> new UserRow(u.username(), u.fullName(),
                StartActions.roleTitle(u.role()), u.school(), u.enabled())).toList());
        model.addAttribute("roles", ROLES);
        model.addAttribute("schools", schools.all());
        if (!model.containsAttribute("form")) model.addAttribute("form", new NewUser(null, null, null, null, null));
        return "admin/users";
    }

    @PostMapping
    public String create(@Valid @ModelAttribute("form") NewUser form, BindingResult result, Model model, RedirectAttributes redirect) {
        var errors = FormErrors.of(result);
        // The API's add also changes an existing login; the form creates, so a taken name is not overwritten by mistake.
        if (!errors.containsKey("username") && form.username() != null && users.find(form.username()).isPresent())
            errors.put("username", "Логин «" + form.username() + "» уже занят; пароль существующему пользователю меняют в списке ниже");
        if (form.role() == Role.DIRECTOR && (form.school() == null || form.school().isBlank()))
            errors.put("school", "Выберите школу директора");
        if (errors.isEmpty()) {
            try {
                accounts.add(new NewUser(form.username(), form.password(), form.role(), form.school(), form.fullName().strip()));
                redirect.addFlashAttribute("message", "Пользователь «" + form.username() + "» создан.");
                return "redirect:/admin/users";
            } catch (UnknownSchoolException e) {
                errors.put("school", "Такой школы нет: выберите из списка");
            } catch (RejectedRequest e) {
                errors.put(e.path(), e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        return users(model);
    }

    @PostMapping("/{username}/password")
    public String resetPassword(@PathVariable String username, @RequestParam(required = false) String password, Model model,
                                RedirectAttributes redirect) {
        var user = users.all().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        var changed = new NewUser(username, password, user.role(), user.school(), user.fullName());
        String problem = FormErrors.of(validator.validateProperty(changed, "password"));
        if (problem != null) {
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("password-" + username, problem);
            model.addAttribute("errors", errors);
            return users(model);
        }
        accounts.add(changed);
        redirect.addFlashAttribute("message", user.enabled() ? "Пароль пользователя «" + username + "» изменён."
                : "Пароль пользователя «" + username + "» изменён, вход снова разрешён.");
        return "redirect:/admin/users";
    }

    @PostMapping("/{username}/disable")
    public String disable(@PathVariable String username, RedirectAttributes redirect) {
        if (!accounts.disable(username)) throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        redirect.addFlashAttribute("message", "Пользователь «" + username + "» заблокирован: вход запрещён, его сеансы завершены.");
        return "redirect:/admin/users";
    }
}
