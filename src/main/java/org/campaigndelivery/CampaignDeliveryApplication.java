package org.campaigndelivery;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CampaignDeliveryApplication {

	public static void main(String[] args) {
		SpringApplication.run(CampaignDeliveryApplication.class, args);
	}

}
