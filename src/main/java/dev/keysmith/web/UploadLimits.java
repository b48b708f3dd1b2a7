package dev.keysmith.web;

import dev.keysmith.common.Uploads;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.StandardServletMultipartResolver;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The multipart limits of every upload, from the one place that holds them
 * ({@link Uploads}): the servlet container takes up to the batch CSV limit, and every
 * path other than the batch upload is held to the ordinary limit before anything of it is
 * read.
 */
@Configuration(proxyBeanMethods = false)
class UploadLimits {

	@Bean
	MultipartConfigElement multipartConfigElement() {
		MultipartConfigFactory factory = new MultipartConfigFactory();
		factory.setMaxFileSize(DataSize.ofBytes(Uploads.MAX_BATCH_FILE_BYTES));
		factory.setMaxRequestSize(DataSize.ofBytes(Uploads.MAX_BATCH_REQUEST_BYTES));
		return factory.createMultipartConfig();
	}

	@Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
	MultipartResolver multipartResolver() {
		return new PathLimitedMultipartResolver();
	}

	/**
	 * Refuses an upload over its path's limit: by its announced length, else by its parts
	 * once read.
	 */
	static final class PathLimitedMultipartResolver extends StandardServletMultipartResolver {

		@Override
		public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) throws MultipartException {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			long limit = Uploads.maxRequestBytes(path);
			long fileLimit = Uploads.isBatchUpload(path) ? Uploads.MAX_BATCH_FILE_BYTES : Uploads.MAX_FILE_BYTES;
			if (request.getContentLengthLong() > limit) {
				throw new MaxUploadSizeExceededException(fileLimit);
			}
			MultipartHttpServletRequest multipart = super.resolveMultipart(request);
			try {
				for (Part part : request.getParts()) {
					if (part.getSize() > fileLimit) {
						throw new MaxUploadSizeExceededException(fileLimit);
					}
				}
			}
			catch (java.io.IOException | jakarta.servlet.ServletException ex) {
				throw new MultipartException("The upload could not be read", ex);
			}
			return multipart;
		}

	}

}
