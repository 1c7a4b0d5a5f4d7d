package ru.journalarchive.app.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Title and security schemes of /api/v1/openapi.json. */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI journalArchiveApi() {
        return new OpenAPI()
                .info(new Info().title("Журнал-Архив API").version("v1")
                        .description("Приём данных электронных журналов школ, архивирование журналов и сводных ведомостей. "
                                + "Ошибки — application/problem+json со списком errors[] (path, message)."))
                .components(new Components()
                        .addSecuritySchemes("schoolToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Токен журнальной системы школы"))
                        .addSecuritySchemes("login", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Вход пользователя: директор (своя школа), архивист, проверяющий, администратор")));
    }
}
