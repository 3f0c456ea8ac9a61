//! `Arc<T>` forwards [`KeyWrapper`] and [`CredentialStore`], so one store or wrapper can be
//! shared, and `Arc<dyn KeyWrapper>` / `Arc<dyn CredentialStore>` plug into
//! [`EncryptedCredentialProvider`](crate::EncryptedCredentialProvider).

use std::sync::Arc;

use async_trait::async_trait;
use shopmcp_core::WorkspaceId;

use crate::store::{CredentialRecord, CredentialStore, SlotKey, StoreError, WrappedDekRecord};
use crate::wrapper::{DataKey, KeyId, KeyWrapper, WrapError, WrappedKey};
use crate::{DekId, EncryptionContext, KeyBytes};

#[async_trait]
impl<T: KeyWrapper + ?Sized> KeyWrapper for Arc<T> {
    fn default_key_id(&self) -> &KeyId {
        (**self).default_key_id()
    }

    async fn wrap(
        &self,
        key_id: Option<&KeyId>,
        plaintext: &KeyBytes,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError> {
        (**self).wrap(key_id, plaintext, context).await
    }

    async fn unwrap(
        &self,
        wrapped: &WrappedKey,
        context: &EncryptionContext,
    ) -> Result<KeyBytes, WrapError> {
        (**self).unwrap(wrapped, context).await
    }

    async fn generate_data_key(
        &self,
        key_id: Option<&KeyId>,
        context: &EncryptionContext,
    ) -> Result<DataKey, WrapError> {
        (**self).generate_data_key(key_id, context).await
    }

    async fn rewrap(
        &self,
        wrapped: &WrappedKey,
        destination: Option<&KeyId>,
        context: &EncryptionContext,
    ) -> Result<WrappedKey, WrapError> {
        (**self).rewrap(wrapped, destination, context).await
    }
}

#[async_trait]
impl<T: CredentialStore + ?Sized> CredentialStore for Arc<T> {
    async fn put_record(
        &self,
        workspace: WorkspaceId,
        record: CredentialRecord,
    ) -> Result<(), StoreError> {
        (**self).put_record(workspace, record).await
    }

    async fn get_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<Option<CredentialRecord>, StoreError> {
        (**self).get_record(workspace, slot).await
    }

    async fn delete_record(
        &self,
        workspace: WorkspaceId,
        slot: &SlotKey,
    ) -> Result<bool, StoreError> {
        (**self).delete_record(workspace, slot).await
    }

    async fn list_records(
        &self,
        workspace: WorkspaceId,
    ) -> Result<Vec<CredentialRecord>, StoreError> {
        (**self).list_records(workspace).await
    }

    async fn put_dek(
        &self,
        workspace: WorkspaceId,
        dek: WrappedDekRecord,
    ) -> Result<(), StoreError> {
        (**self).put_dek(workspace, dek).await
    }

    async fn list_deks(&self, workspace: WorkspaceId) -> Result<Vec<WrappedDekRecord>, StoreError> {
        (**self).list_deks(workspace).await
    }

    async fn get_dek(
        &self,
        workspace: WorkspaceId,
        dek_id: DekId,
    ) -> Result<Option<WrappedDekRecord>, StoreError> {
        (**self).get_dek(workspace, dek_id).await
    }

    async fn delete_dek(&self, workspace: WorkspaceId, dek_id: DekId) -> Result<bool, StoreError> {
        (**self).delete_dek(workspace, dek_id).await
    }

    async fn list_workspaces(&self) -> Result<Vec<WorkspaceId>, StoreError> {
        (**self).list_workspaces().await
    }

    async fn delete_workspace(&self, workspace: WorkspaceId) -> Result<bool, StoreError> {
        (**self).delete_workspace(workspace).await
    }
}
