package dev.keysmith.web;

import dev.keysmith.common.Uploads;
import jakarta.servlet.MultipartConfigElement;

import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The multipart limits of every upload, from the one place that holds them ({@link Uploads}). */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

	@Bean
	MultipartConfigElement multipartConfigElement() {
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setMaxFileSize(DataSize.ofBytes(Uploads.MAX_FILE_BYTES));
		factory.setMaxRequestSize(DataSize.ofBytes(Uploads.MAX_REQUEST_BYTES));
		return factory.createMultipartConfig();
	}

}
