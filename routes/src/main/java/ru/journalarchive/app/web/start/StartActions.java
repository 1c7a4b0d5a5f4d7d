package ru.journalarchive.app.web.start;

import java.util.List;
import ru.journalarchive.app.security.Role;

/** What each role may do, as the start page offers it. */
public final class StartActions {

    public record Action(String title, String description, String href) {}

    private StartActions() {}

    public static String roleTitle(Role role) {
        return switch (role) {
            case DIRECTOR -> "Директор образовательной организации";
            case ARCHIVIST -> "Архивист";
            case INSPECTOR -> "Проверяющий";
            case ADMIN -> "Администратор";
            case SCHOOL_SYSTEM -> "Электронный журнал школы";
        };
    }

    public static List<Action> of(Role role, String school) {
        var verify = new Action("Проверить подпись", "Загрузите подписанный PDF или файл с открепленной подписью (.sig), "
                + "либо выберите документ из архива: проверка подписи, сертификата и штампа времени.", "/inspector");
        var api = new Action("Описание API", "Программный интерфейс для электронных журналов и сценариев.", "/api/v1/docs");
        return switch (role) {
            case DIRECTOR -> List.of(new Action("Подписать документы", "Журналы и сводные ведомости, ожидающие вашей подписи: "
                    + "просмотр и подпись ключом на токене (КриптоПро ЭЦП Browser plug-in) или ключом на сервере.",
                    "/schools/" + school + "/signing"));
            case ARCHIVIST, INSPECTOR -> List.of(verify, api);
            case ADMIN, SCHOOL_SYSTEM -> List.of(new Action("Описание API", "Школы, токены, пользователи и запуски архивирования "
                    + "управляются через API и командную строку.", "/api/v1/docs"));
        };
    }
}
