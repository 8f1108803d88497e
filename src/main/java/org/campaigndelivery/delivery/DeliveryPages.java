package org.campaigndelivery.delivery;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The Deployment pages: static pages under /ui that read /api with the login's session,
 * so that what they show is exactly what the API answers.
 */
@Controller
class DeliveryPages {

	/**
	 * The application's address leads to its deliveries (whose page sends a visitor
	 * without a login to the login page), not to Camunda's webapps.
	 */
	@GetMapping("/")
	String root() {
		return "redirect:/deliveries";
	}

	@GetMapping("/deliveries")
	String list() {
		return "forward:/ui/deliveries.html";
	}

	@GetMapping("/deliveries/{id}")
	String delivery() {
		return "forward:/ui/delivery.html";
	}

	@GetMapping("/deliveries/{id}/proof")
	String proof() {
		return "forward:/ui/proof.html";
	}

}
