-- A follow-up not yet started when its decision is executed or closed, or its case closed, is cancelled by the
-- service with the reason, so that it leaves its inspectors' assignments (and their changes feed tells them).
alter table inspection drop constraint inspection_status_check;
alter table inspection add constraint inspection_status_check
    check (status in ('assigned', 'on-site', 'completed', 'cancelled'));
alter table inspection add column cancellation_reason varchar(300);
alter table inspection add constraint inspection_cancellation_reason_check
    check ((status = 'cancelled') = (cancellation_reason is not null));
