-- an Open311 client's media_url: a reference the handling agency is shown, never fetched by the service
alter table complaint add column media_url varchar(2000);
