-- the complaints about an enterprise (listComplaints?suspectedUscc=...), in the list's deadline order
create index complaint_suspected on complaint (suspected_uscc, due_at, id) where suspected_uscc is not null;
