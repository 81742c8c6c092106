CREATE TABLE "product_catalog" (
	"site_id" text NOT NULL,
	"url" text NOT NULL,
	"name" text NOT NULL,
	"sku" text,
	"price" double precision,
	"currency" text,
	"image" text,
	"last_seen_at" bigint NOT NULL,
	CONSTRAINT "product_catalog_site_id_url_pk" PRIMARY KEY("site_id","url")
);
--> statement-breakpoint
ALTER TABLE "product_catalog" ADD CONSTRAINT "product_catalog_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_catalog_recent" ON "product_catalog" USING btree ("site_id","last_seen_at");