package ru.journalarchive.app.web.admin;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import ru.journalarchive.app.admin.AdminController.NewSchool;
import ru.journalarchive.app.admin.AdminController.NewToken;
import ru.journalarchive.journal.school.School;
import ru.journalarchive.journal.school.SchoolRegistry;

/**
 * Schools (register, rename) and their journal systems' API tokens (issue, list with last use, revoke),
 * with the API's rules (AdminController's records). A new token is shown once, in the answer to the form
 * that issued it: never in a list, a redirect or an address.
 */
@Controller
@RequestMapping("/admin/schools")
public class SchoolsPageController {

    public record TokenRow(long id, String label, String createdAt, String lastUsedAt, String revokedAt) {
        public boolean live() {
            return revokedAt == null;
        }
    }

    private final SchoolRegistry registry;
    private final AdminTimes times;
    private final Validator validator;

    public SchoolsPageController(SchoolRegistry registry, AdminTimes times, Validator validator) {
        this.registry = registry;
        this.times = times;
        this.validator = validator;
    }

    @GetMapping
    public String schools(Model model) {
        model.addAttribute("schools", registry.all());
        return "admin/schools";
    }

    @PostMapping
    public String register(@Valid @ModelAttribute("form") NewSchool form, BindingResult result, Model model, RedirectAttributes redirect) {
        var errors = FormErrors.of(result);
        // The API's register also renames; the form registers only, so a taken code is not renamed by mistake.
        if (!errors.containsKey("code") && registry.find(form.code()).isPresent())
            errors.put("code", "Школа с кодом «" + form.code() + "» уже зарегистрирована; переименовать её можно на её странице");
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return schools(model);
        }
        School school = registry.register(form.code(), form.name().strip());
        redirect.addFlashAttribute("message", "Школа «" + school.name() + "» зарегистрирована. Выдайте токен её электронному журналу.");
        return "redirect:" + page(school.code());
    }

    @GetMapping("/{code}")
    public String school(@PathVariable String code, Model model) {
        School school = find(code);
        model.addAttribute("school", school);
        if (!model.containsAttribute("name")) model.addAttribute("name", school.name());
        model.addAttribute("tokens", registry.tokens(code).stream().map(t -> new TokenRow(t.id(), t.label(),
                times.format(t.createdAt()), times.format(t.lastUsedAt()), times.format(t.revokedAt()))).toList());
        return "admin/school";
    }

    @PostMapping("/{code}/name")
    public String rename(@PathVariable String code, @RequestParam(required = false) String name, Model model,
                         RedirectAttributes redirect) {
        find(code);
        String problem = FormErrors.of(validator.validateProperty(new NewSchool(code, name), "name"));
        if (problem != null) return refused(code, model, Map.of("name", problem), "name", name);
        registry.register(code, name.strip());
        redirect.addFlashAttribute("message", "Школа переименована: «" + name.strip() + "».");
        return "redirect:" + page(code);
    }

    @PostMapping("/{code}/tokens")
    public String issue(@PathVariable String code, @Valid @ModelAttribute("tokenForm") NewToken form, BindingResult result,
                        Model model) {
        School school = find(code);
        var errors = FormErrors.of(result);
        if (!errors.isEmpty()) return refused(code, model, errors, "label", form.label());
        var issued = registry.issueToken(code, form.label().strip());
        model.addAttribute("school", school);
        model.addAttribute("label", form.label().strip());
        model.addAttribute("token", issued.token());
        return "admin/token-issued";
    }

    @PostMapping("/{code}/tokens/{id}/revoke")
    public String revoke(@PathVariable String code, @PathVariable long id, RedirectAttributes redirect) {
        find(code);
        var token = registry.tokens(code).stream().filter(t -> t.id() == id).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        redirect.addFlashAttribute("message", registry.revokeToken(id)
                ? "Токен «" + token.label() + "» отозван: с ним пакеты больше не принимаются."
                : "Токен «" + token.label() + "» уже был отозван.");
        return "redirect:" + page(code);
    }

    private String refused(String code, Model model, Map<String, String> errors, String field, String value) {
        model.addAttribute("errors", errors);
        model.addAttribute(field, value);
        return school(code, model);
    }

    private School find(String code) {
        return registry.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The school's page: its code passed the code rule when it was registered, so it is safe in a path. */
    private static String page(String code) {
        return "/admin/schools/" + code;
    }
}
